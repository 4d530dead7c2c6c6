package dev.salvo.udf.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one function, across its versions, behind {@code system.udf_stats}. */
public final class UdfStatistics {
  private final String functionName;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong instancesCreated = new AtomicLong();
  private final AtomicInteger liveInstances = new AtomicInteger();
  private final AtomicInteger peakInstances = new AtomicInteger();
  private final AtomicInteger activeCalls = new AtomicInteger();
  private final AtomicInteger peakActiveCalls = new AtomicInteger();
  private final LatencyHistogram latency = new LatencyHistogram();

  UdfStatistics(String functionName) {
    this.functionName = functionName;
  }

  void batch(int rowCount) {
    batches.incrementAndGet();
    rows.addAndGet(rowCount);
  }

  void callStarted() {
    peakActiveCalls.accumulateAndGet(activeCalls.incrementAndGet(), Math::max);
  }

  void callFinished(long calledUdf, long nanos) {
    activeCalls.decrementAndGet();
    calls.addAndGet(calledUdf);
    latency.record(nanos);
  }

  void retry() {
    retries.incrementAndGet();
  }

  void errors(int count) {
    errors.addAndGet(count);
  }

  void instanceCreated() {
    instancesCreated.incrementAndGet();
    peakInstances.accumulateAndGet(liveInstances.incrementAndGet(), Math::max);
  }

  void instanceClosed() {
    liveInstances.decrementAndGet();
  }

  /** A consistent-enough copy for one row of {@code system.udf_stats}. */
  public UdfStatsSnapshot snapshot() {
    return new UdfStatsSnapshot(functionName, calls.get(), rows.get(), batches.get(),
        retries.get(), errors.get(), instancesCreated.get(), liveInstances.get(),
        peakInstances.get(), activeCalls.get(), peakActiveCalls.get(),
        latency.percentileMillis(50), latency.percentileMillis(95),
        latency.percentileMillis(99));
  }
}
