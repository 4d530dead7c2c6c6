package dev.salvo.bench.udf;

/** A CPU-bound row UDF: about 5 ms of arithmetic per row on this class of machine. */
public final class CpuWork {
  /** Iterations of the loop below; tuned for roughly 5 ms on one core. */
  public static final long ITERATIONS = 5_000_000;

  private CpuWork() {}

  public static long call(long value) {
    InFlight.enter("cpu");
    try {
      long state = value | 1;
      for (long i = 0; i < ITERATIONS; i++) {
        // xorshift: the JIT cannot fold it away, and each step depends on the last.
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
      }
      return state;
    } finally {
      InFlight.leave("cpu");
    }
  }
}
