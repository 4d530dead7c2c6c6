package dev.salvo.sql;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;

/**
 * Salvo's query engine, embeddable in any process: parses, validates, optimizes and lowers SQL,
 * then runs it on the native runner. Thread-safe; one instance serves many concurrent queries.
 */
public final class SalvoEngine implements AutoCloseable {
  private final EngineConfig config;

  public SalvoEngine(EngineConfig config) {
    this.config = config;
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Plans {@code sql} and starts running it. Parse and validation errors are thrown here, with
   * line and column; execution errors surface from the returned stream, which the caller must
   * close.
   *
   * @throws SalvoException for a statement that cannot be planned
   */
  public ResultStream execute(String sql) {
    throw new SalvoException(ErrorCode.NOT_SUPPORTED, "The planner is not wired in yet");
  }

  @Override
  public void close() {}
}
