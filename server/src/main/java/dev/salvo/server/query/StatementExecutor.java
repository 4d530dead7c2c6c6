package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;

/**
 * What the server's front ends need from an engine: run one SQL statement and stream its result.
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
}
