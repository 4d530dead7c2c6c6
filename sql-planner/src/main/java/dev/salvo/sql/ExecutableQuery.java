package dev.salvo.sql;

import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.planner.ErrorSites;
import java.util.List;
import java.util.Objects;

/**
 * A statement that was parsed, validated and planned, ready to run (any number of times) with
 * {@link SalvoEngine#execute(ExecutableQuery, QueryOptions)}. Planning is separate from running
 * so that a server can reject bad SQL at once and start the query later, when a slot is free.
 */
public final class ExecutableQuery {
  private final String sql;
  private final SalvoSession session;
  private final RowType rowType;
  private final ExecNode plan;
  private final List<String> warnings;
  private final ErrorSites errorSites;

  /**
   * A planned query ({@code plan} set, {@code rowType} taken from it), or a statement that acts
   * only when it runs ({@code plan} null, its result's columns in {@code rowType}).
   */
  ExecutableQuery(String sql, SalvoSession session, RowType rowType, ExecNode plan,
      List<String> warnings, ErrorSites errorSites) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.session = Objects.requireNonNull(session, "session");
    this.plan = plan;
    this.rowType = plan != null ? plan.outputType() : Objects.requireNonNull(rowType, "rowType");
    this.warnings = List.copyOf(warnings);
    this.errorSites = Objects.requireNonNull(errorSites, "errorSites");
  }

  public String sql() {
    return sql;
  }

  /** The session whose settings the statement runs with. */
  public SalvoSession session() {
    return session;
  }

  /**
   * The executor plan; for EXPLAIN a plan that returns the explanation's lines; null for a
   * statement that is planned when it runs (SET, DDL, DML, SHOW, EXPLAIN ANALYZE).
   */
  public ExecNode plan() {
    return plan;
  }

  /** The columns of the result. */
  public RowType rowType() {
    return rowType;
  }

  /** Where in {@link #sql()} the operations its data errors name are written. */
  ErrorSites errorSites() {
    return errorSites;
  }

  /** Notes found while planning, such as hints that were ignored. */
  public List<String> warnings() {
    return warnings;
  }
}
