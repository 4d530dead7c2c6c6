package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.FunctionInfo;
import dev.salvo.sql.QueryOptions;
import java.util.List;

/**
 * What the server needs from an engine: plan a statement now, run it later, and a few facts for
 * the API. Kept this small so that front-end tests can run against a hand-written fake.
 */
public interface StatementExecutor {
  /**
   * Parses, validates and plans {@code sql}.
   *
   * @throws dev.salvo.exec.error.SalvoException when the statement cannot be planned (with line
   *     and column where known)
   */
  Prepared prepare(String sql);

  /** The named SQL functions statements can call. */
  default List<FunctionInfo> functions() {
    return List.of();
  }

  /** Arrow memory all running statements hold together right now. */
  default long allocatedMemory() {
    return 0;
  }

  /** The most Arrow memory one statement may be given. */
  default long maxQueryMemoryBytes() {
    return Long.MAX_VALUE;
  }

  /** A planned statement. */
  interface Prepared {
    /** The result's columns. */
    RowType rowType();

    /**
     * Starts running the statement. The caller owns the returned stream and must close it;
     * closing it early cancels the statement.
     *
     * @throws dev.salvo.exec.error.SalvoException when it cannot start (the options ask for
     *     more than the engine allows); execution errors surface from the stream instead
     */
    ResultStream start(QueryOptions options);
  }
}
