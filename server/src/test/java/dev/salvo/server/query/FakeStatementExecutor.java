package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A statement executor whose answer each test decides; it remembers the SQL it was given. */
public final class FakeStatementExecutor implements StatementExecutor {
  private final List<String> statements = new CopyOnWriteArrayList<>();
  private static final Function<String, ResultStream> UNSET = sql -> {
    throw new IllegalStateException("No behaviour set for " + sql);
  };

  private volatile Function<String, ResultStream> behaviour = UNSET;

  /** Makes every later {@link #execute} answer through {@code newBehaviour}. */
  public void answerWith(Function<String, ResultStream> newBehaviour) {
    this.behaviour = newBehaviour;
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

  /** Forgets the behaviour and the statements seen, for the next test. */
  public void reset() {
    behaviour = UNSET;
    statements.clear();
  }

  public List<String> statements() {
    return statements;
  }
}
