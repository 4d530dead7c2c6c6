package dev.salvo.bench.udf;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the benchmark UDFs' calls in flight and the most seen at once; read and reset in SQL
 * through {@code bench_in_flight_peak(name)}, so the counters live in the UDFs' own class loader.
 */
public final class InFlight {
  private static final ConcurrentHashMap<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

  private InFlight() {}

  private static AtomicLong counter(String name) {
    return COUNTERS.computeIfAbsent(name, key -> new AtomicLong());
  }

  static void enter(String name) {
    long now = counter(name).incrementAndGet();
    counter(name + ".peak").accumulateAndGet(now, Math::max);
  }

  static void leave(String name) {
    counter(name).decrementAndGet();
  }

  /** The most calls of {@code name} in flight at once since the last read; resets it. */
  public static Long peakAndReset(String name) {
    return counter(name + ".peak").getAndSet(0);
  }
}
