package dev.salvo.sql.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.QueryOptions;
import dev.salvo.udf.runtime.UdfJars;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor reports about UDF calls: EXPLAIN ANALYZE's figures per UDF operator and the
 * query's live progress counters, each checked against what the UDFs counted themselves.
 */
class UdfFiguresTest {
  /** UDFs that count their own calls, retries and failures in {@code acme.Counters}. */
  private static final Map<String, String> SOURCES = Map.of(
      "acme.Counters", """
          package acme;
          import java.util.concurrent.ConcurrentHashMap;
          import java.util.concurrent.atomic.AtomicLong;
          public class Counters {
            static final ConcurrentHashMap<String, AtomicLong> VALUES = new ConcurrentHashMap<>();
            static AtomicLong value(String name) {
              return VALUES.computeIfAbsent(name, k -> new AtomicLong());
            }
            static long add(String name) { return value(name).incrementAndGet(); }
            static void enter(String name) {
              value(name + "_peak").accumulateAndGet(add(name), Math::max);
            }
            static void leave(String name) { value(name).decrementAndGet(); }
            public static Long get(String name) { return value(name).get(); }
          }
          """,
      "acme.Flaky", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          import org.apache.arrow.vector.BigIntVector;
          import org.apache.arrow.vector.FieldVector;
          /** A batch UDF whose first attempt fails on every third call; retries succeed. */
          public class Flaky {
            public static FieldVector call(BigIntVector x) throws InterruptedException {
              long call = Counters.add("flaky_calls");
              Counters.enter("flaky_active");
              try {
                Thread.sleep(2);
                if (UdfContext.current().attempt() > 0) {
                  Counters.add("flaky_retries");
                } else if (call % 3 == 0) {
                  Counters.add("flaky_thrown");
                  throw new IllegalStateException("transient failure in call " + call);
                }
                BigIntVector out = new BigIntVector("out", UdfContext.current().allocator());
                out.allocateNew(x.getValueCount());
                for (int i = 0; i < x.getValueCount(); i++) {
                  out.set(i, x.get(i) + 1);
                }
                out.setValueCount(x.getValueCount());
                return out;
              } finally {
                Counters.leave("flaky_active");
              }
            }
          }
          """,
      "acme.Unlucky", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          /** A row-wise UDF that always fails on 7. */
          public class Unlucky {
            public static Long call(Long x) {
              if (UdfContext.current().attempt() > 0) {
                Counters.add("unlucky_retried_rows");
              }
              if (x == 7) {
                Counters.add("unlucky_thrown");
                throw new IllegalArgumentException("seven");
              }
              return x;
            }
          }
          """,
      "acme.Gate", """
          package acme;
          import dev.salvo.udf.api.UdfContext;
          import org.apache.arrow.vector.BigIntVector;
          import org.apache.arrow.vector.FieldVector;
          /** A batch UDF whose calls wait until open() is called (or a minute has passed). */
          public class Gate {
            static volatile boolean open;
            public static FieldVector call(BigIntVector x) throws InterruptedException {
              Counters.add("gate_calls");
              long deadline = System.nanoTime() + 60_000_000_000L;
              while (!open && System.nanoTime() < deadline) {
                Thread.sleep(1);
              }
              BigIntVector out = new BigIntVector("out", UdfContext.current().allocator());
              out.allocateNew(x.getValueCount());
              for (int i = 0; i < x.getValueCount(); i++) {
                out.set(i, x.get(i));
              }
              out.setValueCount(x.getValueCount());
              return out;
            }
            public static Long open(Long x) { open = true; return x; }
          }
          """);

  @TempDir
  static Path workDirectory;
  static String jar;

  private FunctionTestEngine engine;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UdfJars.build(workDirectory, SOURCES).toString();
  }

  @BeforeEach
  void startEngine() {
    engine = new FunctionTestEngine(EngineConfig.defaults().withParallelism(4)
        .withBatchSize(1000).withTpchSchemas(Map.of("tiny", 0.01)),
        new UdfRuntime(UdfRuntimeSettings.DEFAULTS));
    engine.query("CREATE FUNCTION counter(name VARCHAR) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Counters#get' USING JAR '" + jar + "'");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private long counter(String name) {
    return ((Number) engine.single("SELECT counter('" + name + "')")).longValue();
  }

  private static long figure(String line, String name) {
    Matcher matcher = Pattern.compile("\\b" + name + "=(\\d+)").matcher(line);
    assertTrue(matcher.find(), name + " missing in " + line);
    return Long.parseLong(matcher.group(1));
  }

  private String analyzedLine(List<List<Object>> lines, String start) {
    return lines.stream().map(row -> (String) row.get(0))
        .filter(line -> line.trim().startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + start + " in " + lines));
  }

  @Test
  void explainAnalyzeReportsCallsRetriesErrorsAndPeakConcurrencyPerUdfOperator() {
    engine.query("CREATE FUNCTION flaky(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Flaky'"
        + " USING JAR '" + jar + "' WITH (batch_size = 500, max_concurrency = 3,"
        + " max_retries = 1, retry_backoff = '1ms')");
    engine.query("CREATE FUNCTION unlucky(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Unlucky' USING JAR '" + jar + "' WITH (max_retries = 2,"
        + " retry_backoff = '1ms', on_error = 'ignore')");

    List<List<Object>> lines = engine.query("EXPLAIN ANALYZE SELECT flaky(o_orderkey),"
        + " unlucky(o_orderkey) FROM tpch.tiny.orders");

    String flaky = analyzedLine(lines, "ExternalCall(flaky");
    long calls = counter("flaky_calls");
    // 15000 rows in calls of at most 500 rows: at least 30 first attempts, a third retried.
    assertTrue(calls >= 30 + 10, "the UDF counted " + calls + " calls");
    assertEquals(calls, figure(flaky, "udf_calls"), flaky);
    assertEquals(counter("flaky_retries"), figure(flaky, "udf_retries"), flaky);
    assertEquals(counter("flaky_thrown"), figure(flaky, "udf_errors"), flaky);
    assertEquals(counter("flaky_thrown"), counter("flaky_retries"), "each failure retried once");
    assertEquals(0, figure(flaky, "udf_failed_rows"), flaky);
    long peak = figure(flaky, "udf_peak_concurrency");
    assertTrue(peak <= 3, "max_concurrency = 3 caps the calls at once: " + flaky);
    assertTrue(peak >= counter("flaky_active_peak"),
        "the operator saw at least the overlap the UDF saw: " + flaky);
    assertEquals(15000, figure(flaky, "rows"), flaky);

    String unlucky = analyzedLine(lines, "ExternalCall(unlucky");
    // The row 7 fails, then fails both retries: three failed calls, then it becomes NULL.
    assertEquals(3, counter("unlucky_thrown"));
    assertEquals(counter("unlucky_thrown"), figure(unlucky, "udf_errors"), unlucky);
    assertEquals(counter("unlucky_retried_rows"), figure(unlucky, "udf_retries"), unlucky);
    assertEquals(2, figure(unlucky, "udf_retries"), unlucky);
    assertEquals(1, figure(unlucky, "udf_failed_rows"), unlucky);
    assertTrue(figure(unlucky, "udf_calls") >= 15 + 2, unlucky);
    assertTrue(figure(unlucky, "udf_peak_concurrency") >= 1, unlucky);

    String scan = analyzedLine(lines, "TableScan");
    assertTrue(!scan.contains("udf_"), "only UDF operators carry call figures: " + scan);
  }

  @Test
  void queryProgressCountsCallsInFlightThenCompleted() throws Exception {
    engine.query("CREATE FUNCTION gated(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Gate'"
        + " USING JAR '" + jar + "' WITH (batch_size = 5)");
    engine.query("CREATE FUNCTION open_gate(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Gate#open' USING JAR '" + jar + "'");
    QueryProgress totals = new QueryProgress();
    QueryProgress progress = new QueryProgress(totals);
    try (ResultStream stream = engine.engine().execute(
        "SELECT gated(n_nationkey) FROM tpch.tiny.nation",
        QueryOptions.DEFAULTS.withProgress(progress))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (progress.udfCallsInFlight() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(progress.udfCallsInFlight() > 0, "calls wait at the gate");
      assertEquals(0, progress.udfCallsCompleted(), "none can finish before the gate opens");
      assertEquals(progress.udfCallsInFlight(), totals.udfCallsInFlight());

      engine.query("SELECT open_gate(1)");
      long rows = 0;
      for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
        rows += batch.rowCount();
        batch.close();
      }
      assertEquals(25, rows);
    }
    // 25 rows in calls of at most 5 rows: at least 5 calls, each counted once by the UDF.
    assertEquals(counter("gate_calls"), progress.udfCallsCompleted());
    assertTrue(progress.udfCallsCompleted() >= 5, "calls: " + progress.udfCallsCompleted());
    assertEquals(0, progress.udfCallsInFlight());
    assertEquals(0, progress.udfCallErrors());
    assertEquals(progress.udfCallsCompleted(), totals.udfCallsCompleted());
  }

  @Test
  void failedCallsAreCountedAsErrorsInTheProgress() {
    engine.query("CREATE FUNCTION unlucky(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Unlucky' USING JAR '" + jar + "' WITH (batch_size = 5, max_retries = 1,"
        + " retry_backoff = '1ms', on_error = 'ignore')");
    QueryProgress progress = new QueryProgress();
    try (ResultStream stream = engine.engine().execute(
        "SELECT unlucky(n_nationkey) FROM tpch.tiny.nation",
        QueryOptions.DEFAULTS.withProgress(progress))) {
      for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
        batch.close();
      }
    }
    assertEquals(counter("unlucky_thrown"), progress.udfCallErrors());
    assertEquals(2, progress.udfCallErrors(), "the call holding 7, then its retry");
    // 25 rows in calls of at most 5 rows: the calls without 7 returned.
    assertTrue(progress.udfCallsCompleted() >= 4, "completed: " + progress.udfCallsCompleted());
    assertEquals(0, progress.udfCallsInFlight());
  }
}
