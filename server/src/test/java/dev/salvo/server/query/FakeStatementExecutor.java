package dev.salvo.server.query;

import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.QueryOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A statement executor whose answer each test decides; it remembers the SQL it was given and the
 * options each statement was started with. The behaviour runs when the statement is planned, so
 * a behaviour that throws is a planning error.
 */
public final class FakeStatementExecutor implements StatementExecutor {
  private final List<String> statements = new CopyOnWriteArrayList<>();
  private final List<QueryOptions> startedWith = new CopyOnWriteArrayList<>();
  private static final Function<String, ResultStream> UNSET = sql -> {
    throw new IllegalStateException("No behaviour set for " + sql);
  };

  private volatile Function<String, ResultStream> behaviour = UNSET;

  /** Makes every later statement answer through {@code newBehaviour}. */
  public void answerWith(Function<String, ResultStream> newBehaviour) {
    this.behaviour = newBehaviour;
  }

  @Override
  public Prepared prepare(String sql) {
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

  /** Forgets the behaviour and the statements seen, for the next test. */
  public void reset() {
    behaviour = UNSET;
    statements.clear();
    startedWith.clear();
  }

  public List<String> statements() {
    return statements;
  }

  public List<QueryOptions> startedWith() {
    return startedWith;
  }
}
