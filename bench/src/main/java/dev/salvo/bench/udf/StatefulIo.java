package dev.salvo.bench.udf;

import dev.salvo.udf.api.UdfContext;

/**
 * A class UDF (state built once per instance, like a client or a model) whose calls block for
 * 10 ms; {@code max_concurrency} instances serve the calls.
 */
public final class StatefulIo {
  private final long offset;

  public StatefulIo(UdfContext context) {
    this.offset = 0;
  }

  public long call(long value) throws InterruptedException {
    InFlight.enter("stateful");
    try {
      Thread.sleep(SimulatedIo.LATENCY_MILLIS);
      return value + offset;
    } finally {
      InFlight.leave("stateful");
    }
  }
}
