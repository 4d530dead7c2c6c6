/**
 * Salvo's vectorized, push-based Arrow executor.
 *
 * <pre>
 *  plan (immutable ExecNode tree, built by sql-planner's lowering)
 *    │  PipelineBuilder: cut at pipeline breakers (aggregate, sort)
 *    v
 *  pipelines: source ─> streaming operators ─> sink        (N drivers each)
 *    │  QueryRunner (native: shared thread pool on this machine)
 *    v
 *  ResultStream: Arrow batches handed to the server, one at a time
 *
 *  for a distributed runner (later), the same plan:
 *    │  PlanFragmenter: cut at exchanges into fragments
 *    v
 *  fragments ─ PlanCodec ─> JSON ─> another process ─ PlanCodec + PlanResolver ─> fragments
 * </pre>
 *
 * <p>This module never imports Calcite: it sees only {@link dev.salvo.exec.plan.ExecNode}s,
 * {@link dev.salvo.exec.expr.Expression}s and {@link dev.salvo.exec.type.DataType}s.
 */
package dev.salvo.exec;
