package dev.salvo.bench.udf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Row UDFs standing for a remote call answered 10 ms later: {@link #blocking} sleeps (run one
 * at a time it is the sequential baseline), {@link #async} answers a future from a timer, the
 * way a non-blocking HTTP client would.
 */
public final class SimulatedIo {
  static final long LATENCY_MILLIS = 10;
  private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2,
      task -> {
        Thread thread = new Thread(task, "simulated-io");
        thread.setDaemon(true);
        return thread;
      });

  private SimulatedIo() {}

  public static long blocking(long value) throws InterruptedException {
    InFlight.enter("blocking");
    try {
      Thread.sleep(LATENCY_MILLIS);
      return value;
    } finally {
      InFlight.leave("blocking");
    }
  }

  public static CompletableFuture<Long> async(long value) {
    InFlight.enter("async");
    CompletableFuture<Long> reply = new CompletableFuture<>();
    TIMER.schedule(() -> {
      InFlight.leave("async");
      reply.complete(value);
    }, LATENCY_MILLIS, TimeUnit.MILLISECONDS);
    return reply;
  }
}
