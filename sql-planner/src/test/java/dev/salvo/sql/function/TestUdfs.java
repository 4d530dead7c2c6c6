package dev.salvo.sql.function;

import java.util.Map;

/**
 * UDF classes the tests compile into a jar. Each records what the tests check (concurrency,
 * rows per call, constructions) in {@code acme.Probe}, read back in SQL through {@code probe(name)}.
 */
final class TestUdfs {
  private TestUdfs() {}

  static final Map<String, String> SOURCES = Map.of(
      "acme.Probe", """
          package acme;
          import java.util.concurrent.ConcurrentHashMap;
          import java.util.concurrent.atomic.AtomicLong;
          public class Probe {
            static final ConcurrentHashMap<String, AtomicLong> VALUES = new ConcurrentHashMap<>();
            static AtomicLong value(String name) {
              return VALUES.computeIfAbsent(name, k -> new AtomicLong());
            }
            /** Counts one more of name now, keeping the most ever seen in name_peak. */
            static void enter(String name) {
              long now = value(name).incrementAndGet();
              value(name + "_peak").accumulateAndGet(now, Math::max);
            }
            static void leave(String name) { value(name).decrementAndGet(); }
            static void atLeast(String name, long value) { value(name).accumulateAndGet(value, Math::max); }
            public static Long get(String name) { return value(name).get(); }
            public static Long reset(String name) { return value(name).getAndSet(0); }
          }
          """,
      "acme.Rows", """
          package acme;
          public class Rows {
            public static Long twice(Long x) { return x == null ? null : x * 2; }
            public static Long failOn13(Long x) {
              if (x == 13) { throw new IllegalStateException("thirteen is unlucky"); }
              return x;
            }
            public static long exitOn13(long x) {
              if (x == 13) { System.exit(3); }
              return x + 1;
            }
            public static String shout(String s) { return s.toUpperCase(); }
          }
          """,
      "acme.Slow", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          import org.apache.arrow.vector.BigIntVector;
          import org.apache.arrow.vector.FieldVector;
          /** A batch UDF taking 5 ms per call, measuring calls running at once and rows per call. */
          public class Slow {
            public static FieldVector call(BigIntVector x) throws InterruptedException {
              Probe.enter("slow_active");
              try {
                Probe.atLeast("slow_rows", x.getValueCount());
                Thread.sleep(5);
                BigIntVector out = new BigIntVector("out", UdfContext.current().allocator());
                out.allocateNew(x.getValueCount());
                for (int i = 0; i < x.getValueCount(); i++) {
                  if (x.isNull(i)) { out.setNull(i); } else { out.set(i, x.get(i) + 1); }
                }
                out.setValueCount(x.getValueCount());
                return out;
              } finally {
                Probe.leave("slow_active");
              }
            }
          }
          """,
      "acme.Model", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          /** A stateful class UDF: the constructor stands for loading a model. */
          public class Model implements AutoCloseable {
            private final UdfContext context;
            public Model(UdfContext context) {
              this.context = context;
              Probe.value("model_constructed").incrementAndGet();
              Probe.enter("model_live");
            }
            public long call(long x) { return x + 1; }
            public long device(long x) throws InterruptedException {
              Thread.sleep(1);
              return context.gpuIds().isEmpty() ? -1 : context.gpuIds().get(0);
            }
            @Override public void close() { Probe.leave("model_live"); }
          }
          """,
      "acme.Fetch", """
          package acme;
          import java.util.concurrent.CompletableFuture;
          import java.util.concurrent.Executors;
          import java.util.concurrent.ScheduledExecutorService;
          import java.util.concurrent.TimeUnit;
          /** An async UDF standing for an I/O call answered 10 ms later. */
          public class Fetch {
            static final ScheduledExecutorService CLIENT = Executors.newScheduledThreadPool(4, r -> {
              Thread t = new Thread(r, "fake-io"); t.setDaemon(true); return t; });
            public static CompletableFuture<Long> call(long x) {
              CompletableFuture<Long> reply = new CompletableFuture<>();
              CLIENT.schedule(() -> reply.complete(x), 10, TimeUnit.MILLISECONDS);
              return reply;
            }
          }
          """);
}
