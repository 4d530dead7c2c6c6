package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.planner.QuerySignature;
import dev.salvo.sql.session.SessionSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A statement executor whose answer each test decides; it remembers the SQL it was given, the
 * options each statement was started with and the properties of each session opened. The behaviour runs when the statement is planned, so
 * a behaviour that throws is a planning error.
 */
public final class FakeStatementExecutor implements StatementExecutor {
  private final List<String> statements = new CopyOnWriteArrayList<>();
  private final List<QueryOptions> startedWith = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> sessions = new CopyOnWriteArrayList<>();
  /** The engine settings session properties are checked against: 1GB per query and in all. */
  private static final EngineConfig CONFIG = new EngineConfig(4, 4096, 1L << 30, 1L << 30,
      Map.of());
  private static final Function<String, ResultStream> UNSET = sql -> {
    throw new IllegalStateException("No behaviour set for " + sql);
  };

  private volatile Function<String, ResultStream> behaviour = UNSET;

  /** Makes every later statement answer through {@code newBehaviour}. */
  public void answerWith(Function<String, ResultStream> newBehaviour) {
    this.behaviour = newBehaviour;
  }

  @Override
  public Prepared compile(String sql) {
    statements.add(sql);
    ResultStream stream = behaviour.apply(sql);
    return new Prepared() {
      @Override
      public RowType rowType() {
        return stream.rowType();
      }

      @Override
      public ResultStream start(QueryOptions options) {
        startedWith.add(options);
        return stream;
      }
    };
  }

  @Override
  public long maxQueryMemoryBytes() {
    return 1L << 30;
  }

  @Override
  public ResultStream execute(String sql) {
    statements.add(sql);
    return behaviour.apply(sql);
  }

  @Override
  public ResultStream execute(String sql, List<?> parameters) {
    return execute(sql + " " + parameters);
  }

  @Override
  public QuerySignature prepare(String sql) {
    statements.add(sql);
    try (ResultStream stream = behaviour.apply(sql)) {
      return new QuerySignature(RowType.of(), stream.rowType());
    }
  }

  /**
   * Checks the properties as the engine does and records them; the session's statements answer
   * like every other one.
   */
  @Override
  public StatementExecutor openSession(Map<String, String> properties) {
    SessionSettings.of(CONFIG, properties);
    sessions.add(Map.copyOf(properties));
    return this;
  }

  /** Forgets the behaviour, the statements and the sessions seen, for the next test. */
  public void reset() {
    behaviour = UNSET;
    statements.clear();
    startedWith.clear();
    sessions.clear();
  }

  /** The properties of every session opened, in order. */
  public List<Map<String, String>> sessions() {
    return sessions;
  }

  public List<String> statements() {
    return statements;
  }

  public List<QueryOptions> startedWith() {
    return startedWith;
  }
}
