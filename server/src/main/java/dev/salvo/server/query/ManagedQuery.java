package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.QueryAccessException.Reason;
import dev.salvo.sql.QueryOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query the server runs for a client, from submission until it is forgotten: a future whose
 * result the client gathers in pages or as one stream, whose progress it can watch and which it
 * can cancel.
 *
 * <p>While the query runs, a pump task ({@link #pump()}, on a thread of its own) reads the
 * engine's result stream into a bounded queue of batches. When the queue holds
 * {@code query.result-buffer-bytes} the pump waits, which in turn stops the engine's drivers: a
 * slow client slows the query down instead of piling up results. Clients take batches from the
 * queue either as pages ({@link #tryFetch(long)}, JSON rows encoded when the page is cut and kept
 * until the next page is asked for, so that a lost response can be asked for again) or through a
 * {@link ResultReader}, one batch at a time.
 *
 * <p>A failed query still hands out the rows it queued before the failure, then its error; a
 * cancelled one drops its rows at once. The engine's stream, and with it the query's Arrow
 * memory, is released as soon as nothing needs it any more: once the query ended and its last
 * queued batch was taken, right away when it was cancelled, or when its results expired. Only the
 * pump closes it while the pump runs, and never while a reader still holds a batch.
 *
 * <p>Thread-safe: every field that changes is guarded by this object's monitor, which is also
 * what the pump and readers wait on. The engine is called (start, next, cancel, close) outside
 * it.
 */
public final class ManagedQuery {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedQuery.class);

  /** What the query manager hears from its queries. */
  interface Listener {
    /** The query reached its final state; called once, outside the query's monitor. */
    void ended(ManagedQuery query);

    /** The query no longer executes (its pump exited, or it never started): its slot is free. */
    void executionStopped(ManagedQuery query);
  }

  /**
   * Result limits of one query.
   *
   * @param resultBufferBytes Arrow bytes buffered for the client before the pump waits
   * @param maxResultBytes Arrow bytes the query may return in all; 0 for no limit
   * @param pageBytes Arrow bytes a page is cut at (a page holds at least one batch)
   */
  record Limits(long resultBufferBytes, long maxResultBytes, long pageBytes) {}

  /** What {@link #cancel} did. */
  enum CancelOutcome {
    CANCELLED, ALREADY_CANCELLED, ALREADY_ENDED
  }

  /** What the reaper should do with a query. */
  enum ReapAction {
    NONE, CANCEL_ABANDONED, EXPIRE_RESULTS
  }

  private final String id;
  private final String user;
  private final String sql;
  private final Map<String, String> properties;
  private final String clientRequestId;
  private final QueryOptions options;
  private final QueryProgress progress;
  private final StatementExecutor.Prepared prepared;
  private final RowType rowType;
  private final Instant createdAt;
  private final long createdNanos;
  private final Limits limits;
  private final PageEncoder encoder;
  private final Listener listener;

  private QueryState state;
  private SalvoException error;
  private Instant startedAt;
  private long startedNanos;
  private Instant endedAt;
  private long endedNanos;
  private ResultStream stream;
  /** Notes the engine gave when the statement started, such as hints it ignored. */
  private List<String> warnings = List.of();
  /** The pump runs (or was submitted to run) and alone may touch the stream. */
  private boolean pumpActive;
  /** Someone began closing the stream. */
  private boolean streamTaken;
  /** The stream is closed: the query's memory is released. */
  private boolean streamReleased;
  /** The pump must stop producing: the query was cancelled or its results dropped. */
  private boolean stopping;
  private final ArrayDeque<Batch> queue = new ArrayDeque<>();
  private final ArrayDeque<Long> queueSizes = new ArrayDeque<>();
  private long queuedBytes;
  private long resultBytes;
  /** The engine's stream ended: every result batch has been queued. */
  private boolean producerDone;
  private long nextToken;
  private ResultPage retained;
  private boolean resultsExpired;
  private ResultReader reader;
  private Batch readerBatch;
  private long lastAccessNanos;
  /** Page requests waiting for the next change, each to be run once. */
  private final List<Runnable> waiters = new ArrayList<>();

  private ManagedQuery(String id, Submitted submitted, QueryOptions options,
      QueryProgress progress, StatementExecutor.Prepared prepared, Limits limits,
      PageEncoder encoder, Listener listener) {
    QueryRequest request = submitted.request();
    this.id = id;
    this.createdAt = submitted.at();
    this.createdNanos = submitted.nanos();
    this.lastAccessNanos = createdNanos;
    this.user = request.user();
    this.sql = request.sql();
    this.properties = request.properties();
    this.clientRequestId = request.clientRequestId();
    this.options = options.withQueryId(id).withProgress(progress);
    this.progress = progress;
    this.prepared = prepared;
    this.rowType = prepared == null ? null : prepared.rowType();
    this.limits = limits;
    this.encoder = encoder;
    this.listener = listener;
  }

  /**
   * A request and when it arrived (before planning, which counts as part of the query's time).
   */
  record Submitted(QueryRequest request, Instant at, long nanos) {
    static Submitted now(QueryRequest request) {
      return new Submitted(request, Instant.now(), System.nanoTime());
    }
  }

  /** A planned query, waiting for its turn to run. */
  static ManagedQuery queued(String id, Submitted request, QueryOptions options,
      QueryProgress progress, StatementExecutor.Prepared prepared, Limits limits,
      PageEncoder encoder, Listener listener) {
    ManagedQuery query = new ManagedQuery(id, request, options, progress, prepared, limits,
        encoder, listener);
    query.state = QueryState.QUEUED;
    return query;
  }

  /** A query whose statement could not be planned (or that was refused): failed from the start. */
  static ManagedQuery failed(String id, Submitted request, SalvoException error,
      Limits limits, PageEncoder encoder, Listener listener) {
    ManagedQuery query = new ManagedQuery(id, request, QueryOptions.DEFAULTS,
        new QueryProgress(), null, limits, encoder, listener);
    synchronized (query) {
      query.endLocked(QueryState.FAILED, error);
    }
    return query;
  }

  public String id() {
    return id;
  }

  public String user() {
    return user;
  }

  public String sql() {
    return sql;
  }

  public Map<String, String> properties() {
    return properties;
  }

  public String clientRequestId() {
    return clientRequestId;
  }

  /** The result's columns; null when the statement could not be planned. */
  public RowType rowType() {
    return rowType;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Notes about the statement, such as hints it ignored; empty until it started. */
  public synchronized List<String> warnings() {
    return warnings;
  }

  public synchronized QueryState state() {
    return state;
  }

  /** Why the query failed or was cancelled; null otherwise. */
  public synchronized SalvoException error() {
    return error;
  }

  /** Notes that a client asked about this query, which keeps it from being abandoned. */
  public synchronized void touch() {
    lastAccessNanos = System.nanoTime();
  }

  /** Whether result pages may still follow the ones handed out. */
  public synchronized boolean hasMoreResults() {
    return hasMoreLocked();
  }

  /** The token of the next page to ask for. */
  public synchronized long nextToken() {
    return nextToken;
  }

  // ----------------------------------------------------------------------------- execution

  /**
   * Starts the statement on the engine, unless the query was cancelled meanwhile.
   *
   * @return true when it runs and {@link #pump()} must be run; false when its slot is free again
   */
  boolean start() {
    synchronized (this) {
      if (state != QueryState.QUEUED) {
        return false;
      }
    }
    ResultStream started;
    try {
      started = prepared.start(options);
    } catch (RuntimeException e) {
      boolean endedNow;
      synchronized (this) {
        endedNow = state == QueryState.QUEUED
            && endLocked(QueryState.FAILED, SalvoException.wrap(e));
        signalLocked();
      }
      if (endedNow) {
        listener.ended(this);
      }
      return false;
    }
    synchronized (this) {
      if (state == QueryState.QUEUED) {
        stream = started;
        warnings = List.copyOf(started.warnings());
        state = QueryState.RUNNING;
        startedAt = Instant.now();
        startedNanos = System.nanoTime();
        pumpActive = true;
        signalLocked();
        return true;
      }
    }
    // Cancelled while starting.
    closeQuietly(started);
    return false;
  }

  /** Moves the engine's result batches into the queue until the end, an error or a stop. */
  void pump() {
    ResultStream source;
    synchronized (this) {
      source = stream;
    }
    SalvoException failure = null;
    try {
      while (true) {
        synchronized (this) {
          while (!stopping && !queue.isEmpty() && queuedBytes >= limits.resultBufferBytes()) {
            wait();
          }
          if (stopping) {
            break;
          }
        }
        Batch batch = source.next();
        if (batch == null) {
          synchronized (this) {
            producerDone = true;
          }
          break;
        }
        long size = batch.sizeInBytes();
        synchronized (this) {
          if (stopping) {
            batch.close();
            break;
          }
          resultBytes += size;
          if (limits.maxResultBytes() > 0 && resultBytes > limits.maxResultBytes()) {
            batch.close();
            throw new SalvoException(ErrorCode.RESULT_TOO_LARGE, "The result is larger than"
                + " the " + limits.maxResultBytes() + " bytes a query may return"
                + " (query.max-result-bytes)");
          }
          queue.add(batch);
          queueSizes.add(size);
          queuedBytes += size;
          signalLocked();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new SalvoException(ErrorCode.QUERY_CANCELLED, "Query " + id + " was interrupted");
    } catch (RuntimeException | Error e) {
      failure = SalvoException.wrap(e);
      if (failure.code() == ErrorCode.INTERNAL_ERROR) {
        LOG.error("Query {} failed with an internal error", id, e);
      }
    }
    pumpExited(failure);
  }

  private void pumpExited(SalvoException failure) {
    boolean endedNow = false;
    ResultStream toClose;
    synchronized (this) {
      pumpActive = false;
      if (state == QueryState.RUNNING) {
        if (failure != null) {
          endedNow = endLocked(failure.code() == ErrorCode.QUERY_CANCELLED
              ? QueryState.CANCELLED : QueryState.FAILED, failure);
        } else if (producerDone) {
          endedNow = endLocked(QueryState.FINISHED, null);
        }
      }
      // Rows queued before a failure are still handed out, the error after them; a cancelled
      // query's rows were dropped when it was cancelled.
      if (state == QueryState.CANCELLED || resultsExpired) {
        discardLocked();
      }
      toClose = takeStreamLocked();
    }
    // Closed before the end is announced: whoever sees a failure knows the memory is free.
    release(toClose);
    synchronized (this) {
      signalLocked();
    }
    if (endedNow) {
      listener.ended(this);
    }
    listener.executionStopped(this);
  }

  /**
   * Cancels the query: a queued one never starts, a running one stops at its drivers' next
   * batch boundary and releases its memory; rows not yet fetched are dropped.
   */
  CancelOutcome cancel(SalvoException reason) {
    ResultStream running = null;
    synchronized (this) {
      if (state == QueryState.CANCELLED) {
        return CancelOutcome.ALREADY_CANCELLED;
      }
      if (state.isDone()) {
        return CancelOutcome.ALREADY_ENDED;
      }
      if (state == QueryState.RUNNING) {
        stopping = true;
        running = stream;
      }
      endLocked(QueryState.CANCELLED, reason);
      discardLocked();
      signalLocked();
    }
    if (running != null) {
      // The pump wakes up with the cancellation and releases the stream.
      running.cancel();
    }
    listener.ended(this);
    return CancelOutcome.CANCELLED;
  }

  /** Releases the results of an ended query that no client came back for. */
  void expireResults() {
    ResultStream toClose;
    synchronized (this) {
      if (!state.isDone() || resultsExpired) {
        return;
      }
      resultsExpired = true;
      stopping = true;
      retained = null;
      discardLocked();
      toClose = takeStreamLocked();
      signalLocked();
    }
    release(toClose);
  }

  /** What the reaper should do now, given how long clients have been away. */
  synchronized ReapAction reapAction(long nowNanos, long clientTimeoutNanos,
      long resultExpiryNanos) {
    if (reader != null) {
      return ReapAction.NONE;
    }
    if (!state.isDone()) {
      return nowNanos - lastAccessNanos > clientTimeoutNanos
          ? ReapAction.CANCEL_ABANDONED : ReapAction.NONE;
    }
    long since = Math.max(lastAccessNanos, endedNanos);
    return !resultsExpired && nowNanos - since > resultExpiryNanos
        ? ReapAction.EXPIRE_RESULTS : ReapAction.NONE;
  }

  /** Whether the query has ended and holds no Arrow memory, so it may be forgotten. */
  synchronized boolean isReleased() {
    return state.isDone() && reader == null && queue.isEmpty() && !pumpActive
        && (stream == null || streamReleased);
  }

  // ---------------------------------------------------------------------------------- pages

  /**
   * Forgets a waiter registered by {@link #tryFetch(long, Runnable)}.
   *
   * @return true when it was still waiting (so it will not run)
   */
  synchronized boolean removeWaiter(Runnable waiter) {
    return waiters.remove(waiter);
  }

  /**
   * Page {@code token}, if it can be answered now: asking for page n acknowledges page n - 1,
   * whose rows are then forgotten; asking for page n - 1 again repeats it.
   *
   * @param waiter when not null and there is no answer yet, runs once at the query's next change
   *     (new rows, a new state, released results); it must not block
   * @return the page, or a result without a page when the query ended without more rows; null
   *     when the query is still producing and no rows are ready yet
   * @throws QueryAccessException GONE for an acknowledged page or expired results, NOT_FOUND for
   *     a page beyond the next one, CONFLICT while a reader streams the results
   */
  PageResult tryFetch(long token, Runnable waiter) {
    ResultStream toClose = null;
    PageResult result;
    synchronized (this) {
      lastAccessNanos = System.nanoTime();
      if (reader != null) {
        throw new QueryAccessException(Reason.CONFLICT, ErrorCode.INVALID_ARGUMENT,
            "The results of query " + id + " are being streamed to another request");
      }
      if (resultsExpired) {
        throw expired();
      }
      if (retained != null && token == retained.token()) {
        return new PageResult(token, retained, hasMoreLocked());
      }
      if (token < nextToken) {
        throw new QueryAccessException(Reason.GONE, ErrorCode.INVALID_ARGUMENT, "Page " + token
            + " of query " + id + " was acknowledged by a request for a later page; ask for page "
            + nextToken);
      }
      if (token > nextToken) {
        throw new QueryAccessException(Reason.NOT_FOUND, ErrorCode.INVALID_ARGUMENT,
            "Query " + id + " has no page " + token + "; the next page is " + nextToken);
      }
      retained = null;
      if (state == QueryState.CANCELLED) {
        result = new PageResult(token, null, false);
      } else if (!queue.isEmpty()) {
        retained = cutPageLocked(token);
        nextToken = token + 1;
        if (state.isDone() && queue.isEmpty()) {
          toClose = takeStreamLocked();
        }
        result = new PageResult(token, retained, hasMoreLocked());
      } else if (producerDone || state == QueryState.FAILED) {
        toClose = takeStreamLocked();
        result = new PageResult(token, null, false);
      } else {
        if (waiter != null) {
          waiters.add(waiter);
        }
        return null;
      }
    }
    release(toClose);
    return result;
  }

  private ResultPage cutPageLocked(long token) {
    List<Batch> batches = new ArrayList<>();
    long bytes = 0;
    long rows = 0;
    while (!queue.isEmpty()
        && (batches.isEmpty() || bytes + queueSizes.peek() <= limits.pageBytes())) {
      Batch batch = queue.poll();
      bytes += queueSizes.poll();
      rows += batch.rowCount();
      batches.add(batch);
    }
    queuedBytes -= bytes;
    // The pump may wait for room.
    notifyAll();
    try {
      return new ResultPage(token, encoder.encode(rowType, batches), rows);
    } catch (IOException | RuntimeException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Could not encode a result page of query " + id, e);
    } finally {
      batches.forEach(Batch::close);
    }
  }

  // -------------------------------------------------------------------------------- readers

  /**
   * A reader of the rows not yet handed out, one batch at a time; one reader at a time, and no
   * pages while it reads.
   *
   * @throws QueryAccessException CONFLICT while another reader is open, GONE once the results
   *     expired
   */
  public synchronized ResultReader openReader() {
    lastAccessNanos = System.nanoTime();
    if (reader != null) {
      throw new QueryAccessException(Reason.CONFLICT, ErrorCode.INVALID_ARGUMENT,
          "The results of query " + id + " are already being streamed to another request");
    }
    if (resultsExpired) {
      throw expired();
    }
    reader = new ResultReader(this);
    return reader;
  }

  /** See {@link ResultReader#next()}. */
  Batch readNext(ResultReader caller) {
    while (true) {
      ResultStream toClose;
      synchronized (this) {
        if (reader != caller) {
          throw new IllegalStateException("The reader is closed");
        }
        lastAccessNanos = System.nanoTime();
        if (readerBatch != null) {
          readerBatch.close();
          readerBatch = null;
        }
        boolean failed = state == QueryState.FAILED || state == QueryState.CANCELLED;
        // A cancelled query's queue is empty; a failed one's holds the rows before the failure.
        if (!resultsExpired && !queue.isEmpty()) {
          readerBatch = queue.poll();
          queuedBytes -= queueSizes.poll();
          notifyAll();
          return readerBatch;
        }
        boolean atEnd = failed || resultsExpired || producerDone;
        if (!atEnd) {
          waitLocked();
          continue;
        }
        toClose = takeStreamLocked();
        if (toClose == null) {
          if (stream != null && !streamReleased) {
            // The pump or a page request is releasing it; the end is told once it is free.
            waitLocked();
            continue;
          }
          if (failed) {
            throw error;
          }
          if (resultsExpired) {
            throw expired();
          }
          return null;
        }
      }
      release(toClose);
    }
  }

  /** See {@link ResultReader#close()}. */
  void closeReader(ResultReader caller) {
    ResultStream toClose;
    synchronized (this) {
      if (reader != caller) {
        return;
      }
      if (readerBatch != null) {
        readerBatch.close();
        readerBatch = null;
      }
      reader = null;
      lastAccessNanos = System.nanoTime();
      toClose = takeStreamLocked();
      signalLocked();
    }
    release(toClose);
  }

  // --------------------------------------------------------------------------------- status

  /** A consistent snapshot of the query. */
  public synchronized QueryInfo info() {
    long now = System.nanoTime();
    long end = state.isDone() ? endedNanos : now;
    long queuedUntil = startedAt != null ? startedNanos : end;
    double percent = state == QueryState.FINISHED ? 100.0
        : progress.inputFraction() < 0 ? Double.NaN : progress.inputFraction() * 100.0;
    return new QueryInfo(id, user, state, sql, properties, rowType, createdAt, startedAt,
        endedAt, TimeUnit.NANOSECONDS.toMillis(queuedUntil - createdNanos),
        TimeUnit.NANOSECONDS.toMillis(end - createdNanos), progress.outputRows(),
        progress.outputBatches(), progress.outputBytes(), progress.scannedRows(),
        progress.splitsCompleted(), progress.splitsTotal(), percent, progress.memoryBytes(),
        progress.peakMemoryBytes(), progress.udfCallsCompleted(), progress.udfCallErrors(),
        progress.udfCallsInFlight(), error, resultsExpired);
  }

  /** Seconds from submission to the end, for the latency histogram. */
  synchronized double durationSeconds() {
    long end = state.isDone() ? endedNanos : System.nanoTime();
    return (end - createdNanos) / 1e9;
  }

  @Override
  public String toString() {
    return "Query " + id;
  }

  // -------------------------------------------------------------------------------- helpers

  private boolean hasMoreLocked() {
    return !state.isDone() || (!resultsExpired && !queue.isEmpty());
  }

  /** Moves to a final state; the caller tells the listener once outside the monitor. */
  private boolean endLocked(QueryState finalState, SalvoException reason) {
    state = finalState;
    error = reason;
    endedAt = Instant.now();
    endedNanos = System.nanoTime();
    return true;
  }

  /** Drops the rows no client has taken yet. */
  private void discardLocked() {
    for (Batch batch : queue) {
      batch.close();
    }
    queue.clear();
    queueSizes.clear();
    queuedBytes = 0;
    notifyAll();
  }

  /** The stream, for the caller to close, when nothing needs it any more; null otherwise. */
  private ResultStream takeStreamLocked() {
    if (stream == null || streamTaken || pumpActive || readerBatch != null || !queue.isEmpty()) {
      return null;
    }
    streamTaken = true;
    return stream;
  }

  private void release(ResultStream toClose) {
    if (toClose == null) {
      return;
    }
    closeQuietly(toClose);
    synchronized (this) {
      streamReleased = true;
      signalLocked();
    }
  }

  private void closeQuietly(ResultStream toClose) {
    try {
      toClose.close();
    } catch (RuntimeException e) {
      LOG.warn("Query {} did not release its resources cleanly", id, e);
    }
  }

  /** Wakes everyone waiting on this query: threads on the monitor, and page requests. */
  private void signalLocked() {
    notifyAll();
    if (!waiters.isEmpty()) {
      List<Runnable> woken = new ArrayList<>(waiters);
      waiters.clear();
      for (Runnable waiter : woken) {
        try {
          waiter.run();
        } catch (RuntimeException e) {
          LOG.warn("A page request of query {} could not be woken", id, e);
        }
      }
    }
  }

  private void waitLocked() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SalvoException(ErrorCode.QUERY_CANCELLED,
          "Interrupted while waiting for query " + id, e);
    }
  }

  private QueryAccessException expired() {
    return new QueryAccessException(Reason.GONE, ErrorCode.QUERY_RESULTS_EXPIRED,
        "The results of query " + id + " expired: no client asked for them within"
            + " query.result-expiry");
  }
}
