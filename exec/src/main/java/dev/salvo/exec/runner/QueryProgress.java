package dev.salvo.exec.runner;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Live counters of one query, updated by its operators while it runs and read by whoever watches
 * it (the server's status pages, {@code system.queries}, metrics). Every counter only grows, except
 * the number of UDF calls in flight. Thread-safe and cheap to update from many drivers at once.
 *
 * <p>A progress may have a parent: every update is also applied to it, so a server can keep one
 * parent whose counters are the totals over all its queries.
 *
 * <p>Who counts what: the result sink counts the output (rows, batches, Arrow bytes); table scans
 * count splits (known when the query starts, completed as drivers finish them) and the rows they
 * read; UDF operators count the calls the function makes on its instances (see
 * {@link dev.salvo.exec.function.ExternalCallListener}) through {@link #udfCallStarted()} and
 * {@link #udfCallFinished(boolean)}.
 */
public final class QueryProgress {
  private final QueryProgress parent;
  private final LongAdder outputRows = new LongAdder();
  private final LongAdder outputBatches = new LongAdder();
  private final LongAdder outputBytes = new LongAdder();
  private final LongAdder scannedRows = new LongAdder();
  private final AtomicLong splitsTotal = new AtomicLong();
  private final AtomicLong splitsCompleted = new AtomicLong();
  private final LongAdder udfCallsCompleted = new LongAdder();
  private final LongAdder udfCallErrors = new LongAdder();
  private final AtomicLong udfCallsInFlight = new AtomicLong();
  private volatile BufferAllocator allocator;

  public QueryProgress() {
    this(null);
  }

  /** A progress whose updates are also applied to {@code parent} (null: none). */
  public QueryProgress(QueryProgress parent) {
    this.parent = parent;
  }

  /** The query produced a result batch of {@code rows} rows and {@code bytes} Arrow bytes. */
  public void addOutput(long rows, long bytes) {
    outputRows.add(rows);
    outputBatches.increment();
    outputBytes.add(bytes);
    if (parent != null) {
      parent.addOutput(rows, bytes);
    }
  }

  /** A table scan of the query cut its table into {@code count} more splits. */
  public void addSplits(long count) {
    splitsTotal.addAndGet(count);
    if (parent != null) {
      parent.addSplits(count);
    }
  }

  /** A table scan finished reading one split. */
  public void splitCompleted() {
    splitsCompleted.incrementAndGet();
    if (parent != null) {
      parent.splitCompleted();
    }
  }

  /** A table scan read {@code rows} rows (before its filter). */
  public void addScannedRows(long rows) {
    scannedRows.add(rows);
    if (parent != null) {
      parent.addScannedRows(rows);
    }
  }

  /** A UDF call began; pair with {@link #udfCallFinished(boolean)}. */
  public void udfCallStarted() {
    udfCallsInFlight.incrementAndGet();
    if (parent != null) {
      parent.udfCallStarted();
    }
  }

  /** A UDF call ended, successfully or with an error. */
  public void udfCallFinished(boolean failed) {
    udfCallsInFlight.decrementAndGet();
    if (failed) {
      udfCallErrors.increment();
    } else {
      udfCallsCompleted.increment();
    }
    if (parent != null) {
      parent.udfCallFinished(failed);
    }
  }

  /** Lets {@link #memoryBytes()} report what {@code queryAllocator} holds. */
  public void trackMemory(BufferAllocator queryAllocator) {
    this.allocator = queryAllocator;
  }

  public long outputRows() {
    return outputRows.sum();
  }

  public long outputBatches() {
    return outputBatches.sum();
  }

  public long outputBytes() {
    return outputBytes.sum();
  }

  public long scannedRows() {
    return scannedRows.sum();
  }

  public long splitsTotal() {
    return splitsTotal.get();
  }

  public long splitsCompleted() {
    return splitsCompleted.get();
  }

  /** UDF calls that returned a result. */
  public long udfCallsCompleted() {
    return udfCallsCompleted.sum();
  }

  /** UDF calls that ended with an error. */
  public long udfCallErrors() {
    return udfCallErrors.sum();
  }

  public long udfCallsInFlight() {
    return udfCallsInFlight.get();
  }

  /** Arrow memory the query holds now; 0 before it starts and after it released everything. */
  public long memoryBytes() {
    BufferAllocator tracked = allocator;
    return tracked == null ? 0 : tracked.getAllocatedMemory();
  }

  /** The most Arrow memory the query held at once so far. */
  public long peakMemoryBytes() {
    BufferAllocator tracked = allocator;
    return tracked == null ? 0 : tracked.getPeakMemoryAllocation();
  }

  /**
   * The share of the query's input read so far, from 0 to 1, or -1 when unknown: the fraction of
   * table splits completed, known once the query has started and scans at least one table.
   */
  public double inputFraction() {
    long total = splitsTotal.get();
    if (total <= 0) {
      return -1;
    }
    return Math.min(1.0, (double) splitsCompleted.get() / total);
  }
}
