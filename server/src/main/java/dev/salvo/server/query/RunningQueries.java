package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps track of the statements whose results are still open, so that a stopping server can
 * refuse new statements and cancel the running ones instead of waiting for them to finish.
 * The Flight SQL endpoint runs its statements through it; the HTTP API's queries have the
 * {@link QueryManager} instead, which also queues them and keeps their history.
 */
public final class RunningQueries implements StatementExecutor {
  private final StatementExecutor delegate;
  private final Set<TrackedStream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  public RunningQueries(StatementExecutor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * {@inheritDoc}
   *
   * @throws SalvoException QUERY_CANCELLED once {@link #shutDown()} was called
   */
  @Override
  public ResultStream execute(String sql) {
    return execute(sql, List.of());
  }

  /**
   * {@inheritDoc}
   *
   * @throws SalvoException QUERY_CANCELLED once {@link #shutDown()} was called
   */
  @Override
  public ResultStream execute(String sql, List<?> parameters) {
    return track(delegate, sql, parameters);
  }

  @Override
  public QuerySignature prepare(String sql) {
    rejectIfShuttingDown();
    return delegate.prepare(sql);
  }

  /**
   * {@inheritDoc} The statement counts as running from its start until its result is closed.
   *
   * @throws SalvoException QUERY_CANCELLED once {@link #shutDown()} was called
   */
  @Override
  public Prepared compile(String sql) {
    return tracked(delegate, sql);
  }

  /**
   * {@inheritDoc} The session's statements count as running statements of this tracker too.
   *
   * @throws SalvoException QUERY_CANCELLED once {@link #shutDown()} was called
   */
  @Override
  public StatementExecutor openSession(Map<String, String> properties) {
    rejectIfShuttingDown();
    return new TrackedSession(delegate.openSession(properties));
  }

  private ResultStream track(StatementExecutor executor, String sql, List<?> parameters) {
    return track(() -> parameters.isEmpty() ? executor.execute(sql)
        : executor.execute(sql, parameters));
  }

  private Prepared tracked(StatementExecutor executor, String sql) {
    rejectIfShuttingDown();
    Prepared prepared = executor.compile(sql);
    return new Prepared() {
      @Override
      public RowType rowType() {
        return prepared.rowType();
      }

      @Override
      public ResultStream start(QueryOptions options) {
        return track(() -> prepared.start(options));
      }
    };
  }

  private ResultStream track(Supplier<ResultStream> starter) {
    rejectIfShuttingDown();
    TrackedStream stream = new TrackedStream(starter.get());
    open.add(stream);
    // A statement that slipped in while shutdown began must not outlive the cancellation pass.
    if (shuttingDown) {
      stream.close();
      rejectIfShuttingDown();
    }
    return stream;
  }

  /** How many statements have an open result right now. */
  public int runningCount() {
    return open.size();
  }

  /** Refuses every later statement and cancels every running one. */
  public void shutDown() {
    shuttingDown = true;
    for (TrackedStream stream : open) {
      stream.cancel();
    }
  }

  private void rejectIfShuttingDown() {
    if (shuttingDown) {
      throw new SalvoException(ErrorCode.QUERY_CANCELLED, "The server is shutting down");
    }
  }

  /** One session's statements, tracked with every other statement. */
  private final class TrackedSession implements StatementExecutor {
    private final StatementExecutor session;

    TrackedSession(StatementExecutor session) {
      this.session = session;
    }

    @Override
    public ResultStream execute(String sql) {
      return track(session, sql, List.of());
    }

    @Override
    public ResultStream execute(String sql, List<?> parameters) {
      return track(session, sql, parameters);
    }

    @Override
    public QuerySignature prepare(String sql) {
      rejectIfShuttingDown();
      return session.prepare(sql);
    }

    @Override
    public Prepared compile(String sql) {
      return tracked(session, sql);
    }

    @Override
    public StatementExecutor openSession(Map<String, String> properties) {
      return RunningQueries.this.openSession(properties);
    }

    @Override
    public Map<String, String> sessionSettings() {
      return session.sessionSettings();
    }

    @Override
    public void changeSessionSettings(Map<String, String> changes) {
      rejectIfShuttingDown();
      session.changeSessionSettings(changes);
    }
  }

  /** A result stream that leaves the set of running queries when it is closed. */
  private final class TrackedStream implements ResultStream {
    private final ResultStream stream;

    TrackedStream(ResultStream stream) {
      this.stream = stream;
    }

    @Override
    public RowType rowType() {
      return stream.rowType();
    }

    @Override
    public List<String> warnings() {
      return stream.warnings();
    }

    @Override
    public Batch next() {
      return stream.next();
    }

    @Override
    public void cancel() {
      stream.cancel();
    }

    @Override
    public void close() {
      try {
        stream.close();
      } finally {
        open.remove(this);
      }
    }
  }
}
