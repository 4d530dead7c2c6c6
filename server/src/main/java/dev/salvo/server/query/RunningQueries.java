package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.planner.QuerySignature;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps track of the statements whose results are still open, so that a stopping server can
 * refuse new statements and cancel the running ones instead of waiting for them to finish.
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
    rejectIfShuttingDown();
    TrackedStream stream = new TrackedStream(parameters.isEmpty() ? delegate.execute(sql)
        : delegate.execute(sql, parameters));
    open.add(stream);
    // A statement that slipped in while shutdown began must not outlive the cancellation pass.
    if (shuttingDown) {
      stream.close();
      rejectIfShuttingDown();
    }
    return stream;
  }

  @Override
  public QuerySignature prepare(String sql) {
    rejectIfShuttingDown();
    return delegate.prepare(sql);
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
