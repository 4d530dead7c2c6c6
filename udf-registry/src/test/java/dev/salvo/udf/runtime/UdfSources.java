package dev.salvo.udf.runtime;

import java.util.Map;

/** The test UDFs, one per shape, each measuring itself through shared static counters. */
final class UdfSources {
  private UdfSources() {}

  static final Map<String, String> ALL = Map.of(
      "acme.Counters", """
          package acme;
          import java.util.concurrent.ConcurrentHashMap;
          import java.util.concurrent.atomic.AtomicInteger;
          public class Counters {
            static final ConcurrentHashMap<String, AtomicInteger> VALUES = new ConcurrentHashMap<>();
            static AtomicInteger counter(String name) {
              return VALUES.computeIfAbsent(name, k -> new AtomicInteger());
            }
            /** Adds one to name and keeps the highest value seen in name_peak. */
            static void up(String name) {
              int now = counter(name).incrementAndGet();
              counter(name + "_peak").accumulateAndGet(now, Math::max);
            }
            static void down(String name) { counter(name).decrementAndGet(); }
            static void max(String name, int value) { counter(name).accumulateAndGet(value, Math::max); }
            public static long get(String name) { return counter(name).get(); }
          }
          """,
      "acme.Model", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          public class Model implements AutoCloseable {
            private final UdfContext context;
            public Model(UdfContext context) throws InterruptedException {
              this.context = context;
              Counters.counter("constructed").incrementAndGet();
              Counters.up("live");
              for (int gpu : context.gpuIds()) { Counters.up("device" + gpu); }
              Thread.sleep(20);
            }
            public long call(long x) throws InterruptedException {
              Counters.up("active");
              try { Thread.sleep(2); return x * 2; } finally { Counters.down("active"); }
            }
            public long gpu(long x) throws InterruptedException {
              Counters.up("active");
              try { Thread.sleep(5); return context.gpuIds().get(0); } finally { Counters.down("active"); }
            }
            @Override public void close() {
              Counters.down("live");
              for (int gpu : context.gpuIds()) { Counters.down("device" + gpu); }
              Counters.counter("closed").incrementAndGet();
            }
          }
          """,
      "acme.Rows", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          public class Rows {
            public static Long call(Long x) {
              if (x == 13) { throw new IllegalStateException("unlucky " + x); }
              return x + 1;
            }
            public static long flaky(long x) {
              if (UdfContext.current().attempt() < 2) { throw new RuntimeException("flaky attempt " + UdfContext.current().attempt()); }
              return x;
            }
            public static long slow(long x) throws InterruptedException { Thread.sleep(10_000); return x; }
            public static long hog(long x) {
              java.util.List<long[]> kept = new java.util.ArrayList<>();
              while (true) { kept.add(new long[1 << 20]); }
            }
            public static long visibleDevice(long x) {
              String devices = System.getenv("CUDA_VISIBLE_DEVICES");
              return devices == null ? -1 : Long.parseLong(devices);
            }
            public static long exitOn13(long x) {
              if (x == 13) { System.exit(7); }
              return x + 1;
            }
            public static String shout(String s) { return s.toUpperCase(); }
          }
          """,
      "acme.Batches", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          import org.apache.arrow.vector.BigIntVector;
          import org.apache.arrow.vector.FieldVector;
          public class Batches {
            public static FieldVector call(BigIntVector x) {
              Counters.max("max_rows", x.getValueCount());
              BigIntVector out = new BigIntVector("out", UdfContext.current().allocator());
              out.allocateNew(x.getValueCount());
              for (int i = 0; i < x.getValueCount(); i++) {
                if (x.get(i) == 13) { out.close(); throw new IllegalArgumentException("bad row " + x.get(i)); }
                out.set(i, x.get(i) + 1);
              }
              out.setValueCount(x.getValueCount());
              return out;
            }
          }
          """,
      "acme.Fetch", """
          package acme;
          import java.util.concurrent.CompletableFuture;
          import java.util.concurrent.Executors;
          import java.util.concurrent.ScheduledExecutorService;
          import java.util.concurrent.TimeUnit;
          /** Stands for an I/O client: replies arrive 10 ms later on the client's own thread. */
          public class Fetch {
            static final ScheduledExecutorService CLIENT = Executors.newSingleThreadScheduledExecutor(r -> {
              Thread t = new Thread(r, "fake-io-client"); t.setDaemon(true); return t; });
            public static CompletableFuture<Long> call(long x) {
              Counters.up("in_flight");
              CompletableFuture<Long> reply = new CompletableFuture<>();
              CLIENT.schedule(() -> { Counters.down("in_flight"); reply.complete(x); }, 10, TimeUnit.MILLISECONDS);
              return reply;
            }
          }
          """);
}
