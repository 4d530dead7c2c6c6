/**
 * Salvo's SQL front end: from text to an executor plan.
 *
 * <pre>
 *  SQL text
 *    │ parser: Salvo's parser, generated from Calcite's grammar template plus Salvo's own
 *    v         productions and hint syntax
 *  SqlNode ── validate against the catalog (catalog: tpch.&lt;scale&gt;.&lt;table&gt;)
 *    │ SqlToRelConverter (hints carried onto rel nodes), decorrelation, field trimming
 *    v
 *  logical RelNode ── rules: heuristic logical rewrites (constant folding, filter pushdown)
 *    │ cost-based conversion into the SALVO convention (rel), pushing filters and
 *    v projections into table scans
 *  physical RelNode (SalvoRel)
 *    │ lower: the only package that knows both Calcite and the executor
 *    v
 *  ExecNode tree ──> exec's runner
 * </pre>
 */
package dev.salvo.sql;
