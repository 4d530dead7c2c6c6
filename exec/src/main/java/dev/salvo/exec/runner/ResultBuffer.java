package dev.salvo.exec.runner;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.pipeline.SinkOperator;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between a query's last pipeline and the reader of its {@link ResultStream}.
 * Producers never wait on it: when it is full they get a future that completes once the reader
 * has taken a batch (or the query ended), and yield their thread meanwhile.
 */
final class ResultBuffer {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final QueryContext context;
  private final int capacity;
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private CompletableFuture<Void> notFull;
  private boolean finished;
  private boolean closed;
  private SalvoException failure;

  ResultBuffer(QueryContext context, int capacity) {
    this.context = context;
    this.capacity = capacity;
  }

  /** Done while there is room; otherwise completes when there is room again or the query ended. */
  synchronized CompletableFuture<Void> isBlocked() {
    if (batches.size() < capacity || closed || failure != null) {
      return SinkOperator.NOT_BLOCKED;
    }
    if (notFull == null) {
      notFull = new CompletableFuture<>();
    }
    return notFull;
  }

  /** Queues a batch (taken over); drops it at once when nobody will read it any more. */
  void add(Batch batch) {
    synchronized (this) {
      if (!closed && failure == null) {
        batches.add(batch);
        notifyAll();
        return;
      }
    }
    batch.close();
  }

  /** Every batch has been queued. */
  synchronized void finish() {
    finished = true;
    notifyAll();
  }

  /** The query failed: the reader gets {@code reason}; queued batches are released. */
  void fail(SalvoException reason) {
    synchronized (this) {
      if (failure == null) {
        failure = reason;
      }
      notifyAll();
    }
    releaseQueued();
  }

  /** Nobody reads any more: queued and later batches are released. */
  void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    releaseQueued();
  }

  private void releaseQueued() {
    CompletableFuture<Void> waiting;
    ArrayDeque<Batch> released;
    synchronized (this) {
      released = new ArrayDeque<>(batches);
      batches.clear();
      waiting = notFull;
      notFull = null;
    }
    released.forEach(Batch::close);
    if (waiting != null) {
      waiting.complete(null);
    }
  }

  /** The next batch, or null at the end; waits while the query is still computing. */
  Batch take() {
    Batch batch;
    CompletableFuture<Void> waiting = null;
    synchronized (this) {
      while (true) {
        if (failure != null) {
          throw failure;
        }
        // Also notice a cancellation requested on the context directly.
        context.checkCancelled();
        if (closed) {
          throw new IllegalStateException("The result stream is closed");
        }
        batch = batches.poll();
        if (batch != null) {
          if (notFull != null && batches.size() < capacity) {
            waiting = notFull;
            notFull = null;
          }
          break;
        }
        if (finished) {
          return null;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, POLL_NANOS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SalvoException(ErrorCode.QUERY_CANCELLED,
              "Interrupted while waiting for query " + context.queryId(), e);
        }
      }
    }
    if (waiting != null) {
      // Outside the lock: completing re-schedules producers.
      waiting.complete(null);
    }
    return batch;
  }
}
