package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.ExecutableQuery;
import dev.salvo.sql.FunctionInfo;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.SalvoEngine;
import java.util.List;
import java.util.Objects;

/** Runs statements on the embedded {@link SalvoEngine}. */
public final class EngineStatementExecutor implements StatementExecutor {
  private final SalvoEngine engine;

  public EngineStatementExecutor(SalvoEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public Prepared prepare(String sql) {
    ExecutableQuery query = engine.prepare(sql);
    return new Prepared() {
      @Override
      public RowType rowType() {
        return query.rowType();
      }

      @Override
      public ResultStream start(QueryOptions options) {
        return engine.execute(query, options);
      }
    };
  }

  @Override
  public List<FunctionInfo> functions() {
    return engine.functions();
  }

  @Override
  public long allocatedMemory() {
    return engine.allocatedMemory();
  }

  @Override
  public long maxQueryMemoryBytes() {
    return engine.config().queryMaxMemoryBytes();
  }
}
