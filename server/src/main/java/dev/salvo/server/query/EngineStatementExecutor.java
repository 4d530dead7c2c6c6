package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;
import java.util.Objects;

/** Runs statements on the embedded {@link SalvoEngine}. */
public final class EngineStatementExecutor implements StatementExecutor {
  private final SalvoEngine engine;

  public EngineStatementExecutor(SalvoEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public ResultStream execute(String sql) {
    return engine.execute(sql);
  }

  @Override
  public ResultStream execute(String sql, List<?> parameters) {
    return engine.execute(sql, parameters);
  }

  @Override
  public QuerySignature prepare(String sql) {
    return engine.prepare(sql);
  }
}
