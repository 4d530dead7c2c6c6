package dev.salvo.exec.plan;

/** The aggregate functions a {@link AggregateNode} computes. */
public enum AggregateFunction {
  /** COUNT(*) with no argument, COUNT(x) counting non-null x; never NULL. */
  COUNT,
  /** NULL over no non-null input. */
  SUM,
  /** Like SUM but 0 instead of NULL over no input (Calcite's $SUM0). */
  SUM0,
  /** Rounded to the result type's scale for DECIMAL; NULL over no non-null input. */
  AVG,
  MIN,
  MAX,
  /**
   * The value of a group's one row, NULL for no row, an error for more: a scalar subquery the
   * planner cannot prove returns at most one row.
   */
  SINGLE_VALUE
}
