package dev.salvo.exec.statistics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one external-call operator (a UDF) did in one query, for EXPLAIN ANALYZE: calls made on
 * the function's instances (retries included), the retries among them, calls that failed, rows
 * that failed for good, and the most calls that were under way at once. Thread-safe.
 */
public final class ExternalCallStatistics {
  private final LongAdder calls = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failedCalls = new LongAdder();
  private final LongAdder failedRows = new LongAdder();
  private final AtomicLong inFlight = new AtomicLong();
  private final LongAccumulator peakInFlight = new LongAccumulator(Math::max, 0);

  /** A call began; {@code attempt} above 0 makes it a retry. */
  public void callStarted(int attempt) {
    calls.increment();
    if (attempt > 0) {
      retries.increment();
    }
    peakInFlight.accumulate(inFlight.incrementAndGet());
  }

  public void callFinished(boolean failed) {
    inFlight.decrementAndGet();
    if (failed) {
      failedCalls.increment();
    }
  }

  public void rowsFailed(int rows) {
    failedRows.add(rows);
  }

  public long calls() {
    return calls.sum();
  }

  public long retries() {
    return retries.sum();
  }

  /** Calls that threw, timed out, were stopped or had a failing row. */
  public long failedCalls() {
    return failedCalls.sum();
  }

  /** Rows whose result stayed an error after every retry. */
  public long failedRows() {
    return failedRows.sum();
  }

  /** The most calls of this operator under way at the same time. */
  public long peakConcurrency() {
    return peakInFlight.get();
  }

  /** The figures as EXPLAIN ANALYZE prints them. */
  public String render() {
    return "udf_calls=" + calls() + " udf_retries=" + retries() + " udf_errors=" + failedCalls()
        + " udf_failed_rows=" + failedRows() + " udf_peak_concurrency=" + peakConcurrency();
  }
}
