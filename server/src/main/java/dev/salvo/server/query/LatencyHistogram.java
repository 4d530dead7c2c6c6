package dev.salvo.server.query;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of durations in seconds with fixed buckets, in the shape Prometheus expects:
 * cumulative counts per upper bound, a sum and a count. Thread-safe.
 */
public final class LatencyHistogram {
  /** Upper bounds of the buckets in seconds; an implicit last bucket holds everything. */
  public static final double[] BOUNDS = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900};

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1);
  private final DoubleAdder sum = new DoubleAdder();
  private final LongAdder count = new LongAdder();

  /** Records one duration. */
  public void observe(double seconds) {
    int bucket = 0;
    while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
      bucket++;
    }
    counts.incrementAndGet(bucket);
    sum.add(seconds);
    count.increment();
  }

  /** The histogram now. */
  public Snapshot snapshot() {
    long[] cumulative = new long[BOUNDS.length + 1];
    long running = 0;
    for (int i = 0; i < cumulative.length; i++) {
      running += counts.get(i);
      cumulative[i] = running;
    }
    return new Snapshot(cumulative, sum.sum(), running);
  }

  /**
   * @param cumulativeCounts observations at most {@code BOUNDS[i]}, and all of them last
   * @param sum the sum of all observations
   * @param count how many observations there were
   */
  public record Snapshot(long[] cumulativeCounts, double sum, long count) {}
}
