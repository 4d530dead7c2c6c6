package dev.salvo.exec.runner;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.statistics.QueryStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What one query's execution needs to know: its id, its own child allocator (whose limit is the
 * query's memory limit), how many drivers a pipeline may run, the target rows per batch, a
 * cancellation flag that every driver checks between batches, and the {@link QueryProgress}
 * counters its operators update.
 *
 * <p>Cancellation is cooperative: {@link #cancel()} only sets the flag. Drivers check it between
 * batches, and any operator that waits or works for long (a scan of a slow source, a UDF call)
 * should check {@link #isCancelled()} or call {@link #checkCancelled()} so that a cancelled query
 * stops promptly and releases its memory.
 */
public final class QueryContext {
  private final String queryId;
  private final BufferAllocator allocator;
  private final int parallelism;
  private final int batchSize;
  private final QueryProgress progress;
  private volatile SalvoException cancellation;
  private final List<Runnable> cancelListeners = new ArrayList<>();
  private volatile QueryStatistics statistics;

  public QueryContext(String queryId, BufferAllocator allocator, int parallelism, int batchSize) {
    this(queryId, allocator, parallelism, batchSize, new QueryProgress());
  }

  /** A context whose operators report to {@code progress}, which also tracks its memory. */
  public QueryContext(String queryId, BufferAllocator allocator, int parallelism, int batchSize,
      QueryProgress progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
    this.queryId = Objects.requireNonNull(queryId, "queryId");
    this.allocator = Objects.requireNonNull(allocator, "allocator");
    if (parallelism < 1 || batchSize < 1) {
      throw new IllegalArgumentException("parallelism and batchSize must be positive");
    }
    this.parallelism = parallelism;
    this.batchSize = batchSize;
    progress.trackMemory(allocator);
  }

  /**
   * Makes the query record per-operator statistics (for EXPLAIN ANALYZE); call before
   * executing it. Returns where they are recorded.
   */
  public QueryStatistics enableStatistics() {
    if (statistics == null) {
      statistics = new QueryStatistics();
    }
    return statistics;
  }

  /** The statistics being recorded, or null when they were not asked for. */
  public QueryStatistics statistics() {
    return statistics;
  }

  public String queryId() {
    return queryId;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  public int parallelism() {
    return parallelism;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The counters this query's operators update. */
  public QueryProgress progress() {
    return progress;
  }

  /** Asks every driver of this query to stop at its next batch boundary. */
  public void cancel(SalvoException reason) {
    List<Runnable> listeners;
    synchronized (cancelListeners) {
      if (cancellation != null) {
        return;
      }
      cancellation = reason;
      listeners = List.copyOf(cancelListeners);
      cancelListeners.clear();
    }
    // Wakes drivers that wait on a future (an exchange queue), so they see the cancellation.
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  /**
   * Runs {@code listener} once when the query is cancelled or fails (at once if it already
   * was): how shared state that drivers wait on releases its buffers and wakes them.
   */
  public void onCancel(Runnable listener) {
    synchronized (cancelListeners) {
      if (cancellation == null) {
        cancelListeners.add(listener);
        return;
      }
    }
    listener.run();
  }

  public void cancel() {
    cancel(new SalvoException(ErrorCode.QUERY_CANCELLED, "Query " + queryId + " was cancelled"));
  }

  public boolean isCancelled() {
    return cancellation != null;
  }

  /** Throws the cancellation reason if the query was cancelled. */
  public void checkCancelled() {
    SalvoException reason = cancellation;
    if (reason != null) {
      throw reason;
    }
  }
}
