package dev.salvo.sql;

import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.type.RowType;
import java.util.Objects;

/**
 * A statement that was parsed, validated and planned, ready to run (any number of times) with
 * {@link SalvoEngine#execute(ExecutableQuery, QueryOptions)}. Planning is separate from running
 * so that a server can reject bad SQL at once and start the query later, when a slot is free.
 */
public final class ExecutableQuery {
  private final String sql;
  private final ExecNode plan;

  ExecutableQuery(String sql, ExecNode plan) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  public String sql() {
    return sql;
  }

  /** The executor plan; for EXPLAIN a plan that returns the explanation's lines. */
  public ExecNode plan() {
    return plan;
  }

  /** The columns of the result. */
  public RowType rowType() {
    return plan.outputType();
  }
}
