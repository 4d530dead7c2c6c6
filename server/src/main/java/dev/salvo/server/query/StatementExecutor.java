package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;

/**
 * What the server's front ends need from an engine: describe one SQL statement, or run it and
 * stream its result.
 * Kept this small so that front-end tests can run against a hand-written fake.
 */
public interface StatementExecutor {
  /**
   * Plans {@code sql} and starts running it. The caller owns the returned stream and must close
   * it; closing it early cancels the statement.
   *
   * @throws dev.salvo.exec.error.SalvoException when the statement cannot be planned (with line
   *     and column where known); execution errors surface from the stream instead
   */
  ResultStream execute(String sql);

  /**
   * Like {@link #execute(String)}, with {@code parameters} bound to the statement's {@code ?}
   * markers in order (null is SQL NULL).
   *
   * @throws dev.salvo.exec.error.SalvoException PARAMETER_COUNT_MISMATCH when the number of
   *     values is not the number of markers, or whatever {@link #execute(String)} throws
   */
  ResultStream execute(String sql, List<?> parameters);

  /**
   * Checks {@code sql} without running it and describes its parameters and result columns.
   *
   * @throws dev.salvo.exec.error.SalvoException when the statement cannot be planned
   */
  QuerySignature prepare(String sql);
}
