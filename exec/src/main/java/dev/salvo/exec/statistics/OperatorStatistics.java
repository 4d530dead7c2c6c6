package dev.salvo.exec.statistics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Figures for one plan node, summed over all its drivers: rows and batches it produced, the
 * wall and CPU time spent in its own code (not in the operators it pushes to), and the largest
 * batch it emitted; for an operator that calls a user-defined function, also its
 * {@link ExternalCallStatistics}. Thread-safe; drivers add to it concurrently.
 */
public final class OperatorStatistics {
  private final LongAdder rows = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder wallNanos = new LongAdder();
  private final LongAdder cpuNanos = new LongAdder();
  private final LongAccumulator peakBatchBytes = new LongAccumulator(Math::max, 0);
  private final AtomicLong drivers = new AtomicLong();
  private volatile ExternalCallStatistics externalCalls;

  public void addOutput(int batchRows, long batchBytes) {
    rows.add(batchRows);
    batches.increment();
    peakBatchBytes.accumulate(batchBytes);
  }

  public void addTime(long wall, long cpu) {
    wallNanos.add(wall);
    cpuNanos.add(cpu);
  }

  public void addDriver() {
    drivers.incrementAndGet();
  }

  public long rows() {
    return rows.sum();
  }

  public long batches() {
    return batches.sum();
  }

  public long wallNanos() {
    return wallNanos.sum();
  }

  public long cpuNanos() {
    return cpuNanos.sum();
  }

  public long peakBatchBytes() {
    return peakBatchBytes.get();
  }

  public long drivers() {
    return drivers.get();
  }

  /** The call figures of this node, created on first use: only UDF operators ask for them. */
  public ExternalCallStatistics externalCalls() {
    ExternalCallStatistics figures = externalCalls;
    if (figures == null) {
      synchronized (this) {
        if (externalCalls == null) {
          externalCalls = new ExternalCallStatistics();
        }
        figures = externalCalls;
      }
    }
    return figures;
  }

  /** The figures as EXPLAIN ANALYZE prints them after the node's description. */
  public String render() {
    ExternalCallStatistics calls = externalCalls;
    return "rows=" + rows() + " batches=" + batches() + " drivers=" + drivers()
        + " wall=" + millis(wallNanos()) + " cpu=" + millis(cpuNanos())
        + " peak_batch_bytes=" + peakBatchBytes() + (calls == null ? "" : " " + calls.render());
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3fms", nanos / 1e6);
  }
}
