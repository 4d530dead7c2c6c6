package dev.salvo.server.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the test UDFs compiled by {@link EngineQueriesTest} record their calls. A UDF jar's class
 * loader delegates to the server's, so the UDF and the test see this one class and its counters,
 * which count what the UDF itself did rather than what the runtime says it did.
 */
public final class UdfCallLog {
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  private static final AtomicLong LAST_CALL_STARTED_NANOS = new AtomicLong();

  private UdfCallLog() {}

  /** A call began: the UDF calls this first thing. */
  public static void started() {
    CALLS.incrementAndGet();
    IN_FLIGHT.incrementAndGet();
    LAST_CALL_STARTED_NANOS.set(System.nanoTime());
  }

  /** A call ended, however it ended. */
  public static void finished() {
    IN_FLIGHT.decrementAndGet();
  }

  static int calls() {
    return CALLS.get();
  }

  static int inFlight() {
    return IN_FLIGHT.get();
  }

  static long lastCallStartedNanos() {
    return LAST_CALL_STARTED_NANOS.get();
  }
}
