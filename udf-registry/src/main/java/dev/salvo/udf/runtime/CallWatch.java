package dev.salvo.udf.runtime;

/** When the UDF call on one instance started, so a watchdog can tell an overdue call. */
public final class CallWatch {
  private volatile long startedNanos;

  void start() {
    startedNanos = System.nanoTime();
  }

  void stop() {
    startedNanos = 0;
  }

  /** {@link System#nanoTime()} at the running call's start, or 0 when none runs. */
  public long startedNanos() {
    return startedNanos;
  }

  /** Whether a call is running for longer than {@code timeoutNanos}. */
  public boolean isOverdue(long timeoutNanos) {
    long started = startedNanos;
    return started != 0 && System.nanoTime() - started > timeoutNanos;
  }
}
