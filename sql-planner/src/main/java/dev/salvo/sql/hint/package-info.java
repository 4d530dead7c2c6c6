/**
 * Salvo's SQL hints, REPARTITION and INTO_BATCHES, from the parse tree to the plan.
 *
 * <pre>
 *   SqlNode --SalvoHints.validateHints--> INVALID_HINT at the bad argument, or fine
 *           --SalvoHints.unknownHints---> names to warn about (they have no effect)
 *           --SqlToRelConverter + SalvoHints.STRATEGY_TABLE--> RelNode with RelHints
 *   RelNode.getHints() --RepartitionHint.from / IntoBatchesHint.from--> what the planner acts on
 * </pre>
 */
package dev.salvo.sql.hint;
