package dev.salvo.bench;

/**
 * One row of the UDF concurrency table: how the function is declared, the calls it may run at
 * once, and the counter its calls in flight are recorded under.
 *
 * @param concurrency calls that may run at once: the ideal time is
 *     {@code ceil(calls / concurrency) x latency}
 * @param counter the {@code InFlight} counter, or null where calls run in another process
 */
public record UdfCase(String label, String target, String withClause, int concurrency,
    double latencyMillis, String counter) {

  /** {@code ceil(calls / concurrency) x latency}, in milliseconds. */
  public double idealMillis(int calls) {
    return Math.ceil((double) calls / concurrency) * latencyMillis;
  }
}
