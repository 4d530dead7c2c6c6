package dev.salvo.udf.runtime;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call latencies in power-of-two microsecond buckets (1 us to ~1 hour): fixed memory, lock-free
 * recording, percentiles accurate to the bucket (within a factor of two).
 */
public final class LatencyHistogram {
  private static final int BUCKETS = 32;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  public void record(long nanos) {
    long micros = Math.max(1, nanos / 1000);
    int bucket = Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    counts.incrementAndGet(bucket);
  }

  /** The upper bound, in milliseconds, of the bucket holding the {@code percentile} (0-100). */
  public double percentileMillis(double percentile) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(total * percentile / 100.0);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= Math.max(rank, 1)) {
        return (1L << (i + 1)) / 1000.0;
      }
    }
    return (1L << BUCKETS) / 1000.0;
  }
}
