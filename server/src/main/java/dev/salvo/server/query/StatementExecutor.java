package dev.salvo.server.query;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.FunctionInfo;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.function.RegisteredFunction;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;
import java.util.Map;

/**
 * What the server's front ends need from an engine: plan a statement now and run it later, run
 * one at once, describe one, and a few facts for the API.
 * Kept this small so that front-end tests can run against a hand-written fake.
 */
public interface StatementExecutor {
  /**
   * Parses, validates and plans {@code sql}, to start later (when a slot is free). Unlike
   * {@link #prepare(String)}, which only describes a statement, this does the planning work.
   *
   * @throws dev.salvo.exec.error.SalvoException when the statement cannot be planned (with line
   *     and column where known)
   */
  Prepared compile(String sql);

  /** The built-in named SQL functions statements can call. */
  default List<FunctionInfo> functions() {
    return List.of();
  }

  /** The functions created with {@code CREATE FUNCTION} that exist now, by name. */
  default List<RegisteredFunction> userFunctions() {
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

  /**
   * Plans and runs {@code sql} at once and streams its result; the caller must close the
   * stream.
   *
   * @throws dev.salvo.exec.error.SalvoException when the statement cannot be planned
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

  /**
   * Opens a session: statements run through the returned executor share its settings, which
   * start from {@code properties} (setting name to value, as {@code SET} takes them) and which
   * {@code SET}, {@code USE} and {@code RESET} change for that executor's later statements
   * only; its {@link #prepare} resolves names in its default catalog and schema. A session
   * holds no resources beyond its settings: dropping it is enough to end it.
   *
   * @throws dev.salvo.exec.error.SalvoException UNKNOWN_SETTING or INVALID_SETTING_VALUE for
   *     a bad property, CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND for a default that does not
   *     exist
   */
  StatementExecutor openSession(Map<String, String> properties);

  /**
   * This session's settings, by name, with values as {@code SHOW} answers them (the default
   * catalog and schema among them; an empty schema means none).
   *
   * @throws dev.salvo.exec.error.SalvoException NOT_SUPPORTED for an executor that is no
   *     session (from {@link #openSession})
   */
  default Map<String, String> sessionSettings() {
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "This executor runs each statement in a session of its own");
  }

  /**
   * Changes several of this session's settings at once, all or none: setting names to values
   * as {@code SET} takes them, or to null to go back to the default.
   *
   * @throws dev.salvo.exec.error.SalvoException UNKNOWN_SETTING, INVALID_SETTING_VALUE,
   *     CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND for a bad entry; NOT_SUPPORTED for an executor
   *     that is no session
   */
  default void changeSessionSettings(Map<String, String> changes) {
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "This executor runs each statement in a session of its own");
  }
}
