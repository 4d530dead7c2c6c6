package dev.salvo.udf.runtime;

/**
 * One function's counters at a moment: a row of {@code system.udf_stats}.
 *
 * @param calls UDF method invocations (one per row for row-wise and async functions, one per
 *     batch call for batch functions)
 * @param rows rows handed to the function
 * @param batches batches evaluated (each may be split into several calls by batch_size)
 * @param retries calls repeated after a failure
 * @param errors rows that still failed after their retries
 * @param instancesCreated instances (objects or worker processes) created so far
 * @param liveInstances instances alive now, busy or idle
 * @param peakInstances most instances alive at once
 * @param activeCalls calls on instances running now
 * @param peakActiveCalls most calls running at once
 * @param p50Millis median latency of a call on an instance, to the histogram bucket
 * @param p95Millis 95th percentile latency
 * @param p99Millis 99th percentile latency
 */
public record UdfStatsSnapshot(String function, long calls, long rows, long batches, long retries,
    long errors, long instancesCreated, int liveInstances, int peakInstances, int activeCalls,
    int peakActiveCalls, double p50Millis, double p95Millis, double p99Millis) {}
