package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.ExecutableQuery;
import dev.salvo.sql.FunctionInfo;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.sql.SalvoSession;
import dev.salvo.sql.function.RegisteredFunction;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs statements on the embedded {@link SalvoEngine}: each in a fresh session of its own, or,
 * for an executor from {@link #openSession}, all in that one session.
 */
public final class EngineStatementExecutor implements StatementExecutor {
  private final SalvoEngine engine;
  /** The session statements share, or null for one fresh session per statement. */
  private final SalvoSession session;

  public EngineStatementExecutor(SalvoEngine engine) {
    this(engine, null);
  }

  private EngineStatementExecutor(SalvoEngine engine, SalvoSession session) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.session = session;
  }

  @Override
  public Prepared compile(String sql) {
    ExecutableQuery query = session != null ? session.compile(sql) : engine.compile(sql);
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
    return engine.builtInFunctions();
  }

  @Override
  public List<RegisteredFunction> userFunctions() {
    return engine.functions().list();
  }

  @Override
  public long allocatedMemory() {
    return engine.allocatedMemory();
  }

  @Override
  public long maxQueryMemoryBytes() {
    return engine.config().queryMaxMemoryBytes();
  }

  @Override
  public ResultStream execute(String sql) {
    return session != null ? session.execute(sql) : engine.execute(sql);
  }

  @Override
  public ResultStream execute(String sql, List<?> parameters) {
    return session != null ? session.execute(sql, parameters) : engine.execute(sql, parameters);
  }

  @Override
  public QuerySignature prepare(String sql) {
    return session != null ? session.prepare(sql) : engine.prepare(sql);
  }

  @Override
  public StatementExecutor openSession(Map<String, String> properties) {
    return new EngineStatementExecutor(engine, engine.newSession(properties));
  }

  @Override
  public Map<String, String> sessionSettings() {
    return session != null ? session.settings().texts()
        : StatementExecutor.super.sessionSettings();
  }

  @Override
  public void changeSessionSettings(Map<String, String> changes) {
    if (session == null) {
      StatementExecutor.super.changeSessionSettings(changes);
      return;
    }
    session.change(changes);
  }
}
