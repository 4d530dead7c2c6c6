/**
 * Salvo's SQL front end: from text to an executor plan.
 *
 * <pre>
 *  SQL text
 *    │ parser: Salvo's parser, generated from Calcite's grammar template plus Salvo's own
 *    v         productions and hint syntax
 *  SqlNode ── validate against the catalog (catalog: tpch.&lt;scale&gt;.&lt;table&gt;, and
 *    │         system.&lt;table&gt; for the tables the embedder mounts, see system)
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
 *
 * <p>{@link dev.salvo.sql.SalvoEngine} is the facade: {@code compile} plans
 * ({@link dev.salvo.sql.ExecutableQuery}), {@code execute} runs a plan with per-query
 * {@link dev.salvo.sql.QueryOptions} (query id, progress counters, overrides of the session's
 * settings), {@code prepare} only describes a statement's parameters and result
 * ({@link dev.salvo.sql.planner.QuerySignature}), and {@link dev.salvo.sql.SalvoSession} keeps
 * the settings statements run with, among them the
 * {@link dev.salvo.sql.catalog.DefaultSchema} that names without a catalog or schema resolve in.
 */
package dev.salvo.sql;
