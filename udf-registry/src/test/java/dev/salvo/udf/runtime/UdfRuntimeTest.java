package dev.salvo.udf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import dev.salvo.udf.catalog.UdfOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime against real UDF jars compiled at test time, one runtime per test. */
class UdfRuntimeTest {
  @TempDir
  static Path jarDirectory;
  static Path jar;

  BufferAllocator allocator;
  UdfRuntime runtime;
  int queryNumber;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UdfJars.build(jarDirectory, UdfSources.ALL);
  }

  @BeforeEach
  void start() {
    allocator = new RootAllocator();
    runtime = new UdfRuntime(UdfRuntimeSettings.DEFAULTS.withGpuInventory("2"));
    runtime.register(FunctionDefinition.of("probe", List.of(DataType.VARCHAR), null,
        "acme.Counters#get", List.of(jar), UdfOptions.DEFAULTS));
  }

  @AfterEach
  void stop() {
    runtime.close();
    allocator.close();
  }

  private FunctionDefinition define(String name, String target, DataType returnType,
      Map<String, String> options) {
    return runtime.register(FunctionDefinition.of(name, List.of(DataType.BIGINT), returnType,
        target, List.of(jar), UdfOptions.parse(options)));
  }

  private QueryContext query() {
    return new QueryContext("q" + ++queryNumber, allocator, 1, 1024);
  }

  /** Evaluates a BIGINT function over {@code values}; NULL results come back as null. */
  private List<Object> evaluate(String function, List<Long> values) {
    return evaluate(function, values, query());
  }

  private List<Object> evaluate(String function, List<Long> values, QueryContext query) {
    try (FunctionHandle handle = runtime.open(function);
        FieldVector input = VectorValues.vectorOf("x", DataType.BIGINT, values, allocator);
        FieldVector output = handle.evaluate(List.of(input), values.size(), query)) {
      List<Object> results = new ArrayList<>();
      for (int row = 0; row < values.size(); row++) {
        results.add(VectorValues.get(output, row));
      }
      return results;
    }
  }

  private long probe(String counter) {
    try (FunctionHandle handle = runtime.open("probe");
        FieldVector input = VectorValues.vectorOf("n", DataType.VARCHAR, List.of(counter),
            allocator);
        FieldVector output = handle.evaluate(List.of(input), 1, query())) {
      return (Long) VectorValues.get(output, 0);
    }
  }

  private static List<Long> range(int count) {
    return LongStream.range(0, count).boxed().toList();
  }

  @Test
  void twoConcurrentCallersShareTheInstanceCapAndWarmInstancesServeTheNextQuery()
      throws Exception {
    define("model", "acme.Model", null, Map.of("max_concurrency", "3", "batch_size", "10"));
    CompletableFuture<List<Object>> first =
        CompletableFuture.supplyAsync(() -> evaluate("model", range(200)));
    CompletableFuture<List<Object>> second =
        CompletableFuture.supplyAsync(() -> evaluate("model", range(200)));
    List<Object> expected = range(200).stream().map(x -> (Object) (x * 2)).toList();
    assertEquals(expected, first.get());
    assertEquals(expected, second.get());
    assertTrue(probe("live_peak") <= 3, "live instances peaked at " + probe("live_peak"));
    assertTrue(probe("active_peak") <= 3, "calls in flight peaked at " + probe("active_peak"));
    assertTrue(probe("active_peak") >= 2, "the two callers should have overlapped");
    long constructed = probe("constructed");
    assertTrue(constructed <= 3, "constructed " + constructed + " instances");

    assertEquals(expected, evaluate("model", range(200)));
    assertEquals(constructed, probe("constructed"), "warm instances serve the next query");
    UdfStatsSnapshot stats = runtime.statistics().stream()
        .filter(s -> s.function().equals("model")).findFirst().orElseThrow();
    assertEquals(600, stats.rows());
    assertEquals(3, stats.batches());
    assertTrue(stats.peakInstances() <= 3);
    assertEquals(600, stats.calls());
  }

  @Test
  void oneBatchOfARowFunctionIsSharedOutAmongItsInstances() {
    define("model", "acme.Model", null, Map.of("max_concurrency", "4"));
    List<Long> values = range(80);
    assertEquals(values.stream().map(x -> (Object) (x * 2)).toList(), evaluate("model", values));
    long peak = probe("active_peak");
    assertTrue(peak >= 2 && peak <= 4, "one 80-row batch ran with " + peak + " calls in flight");
    assertTrue(probe("constructed") <= 4, "constructed " + probe("constructed"));
  }

  @Test
  void batchSizeCapsEveryCallOfABatchFunction() {
    define("plus_one", "acme.Batches", DataType.BIGINT, Map.of("batch_size", "7"));
    List<Long> values = LongStream.range(20, 120).boxed().toList();
    assertEquals(values.stream().map(x -> (Object) (x + 1)).toList(),
        evaluate("plus_one", values));
    assertEquals(7, probe("max_rows"));
  }

  @Test
  void asyncFunctionKeepsManyRowsInFlightUnderItsCap() {
    define("fetch", "acme.Fetch", null, Map.of("max_concurrency", "100"));
    evaluate("fetch", range(50));
    long started = System.nanoTime();
    List<Object> results = evaluate("fetch", range(1000));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(range(1000).stream().map(x -> (Object) x).toList(), results);
    assertTrue(seconds < 0.2, "1000 rows x 10 ms at 100 in flight took " + seconds + " s");
    assertTrue(probe("in_flight_peak") <= 100, "in flight peaked at " + probe("in_flight_peak"));
    assertTrue(probe("in_flight_peak") >= 50, "in flight peaked at " + probe("in_flight_peak"));
  }

  @Test
  void onErrorRaiseNamesFunctionRowAndCause() {
    define("risky", "acme.Rows", null, Map.of("on_error", "raise"));
    SalvoException error =
        assertThrows(SalvoException.class, () -> evaluate("risky", List.of(1L, 13L, 2L)));
    assertEquals(ErrorCode.UDF_FAILED, error.code());
    assertTrue(error.getMessage().contains("risky"), error.getMessage());
    assertTrue(error.getMessage().contains("row 1"), error.getMessage());
    assertTrue(error.getMessage().contains("unlucky 13"), error.getMessage());
    assertTrue(runtime.errorLog().records().isEmpty());
  }

  @Test
  void onErrorLogGivesNullAndAQueryableRecord() {
    define("risky", "acme.Rows", null, Map.of("on_error", "log"));
    QueryContext query = query();
    List<Object> results = evaluate("risky", List.of(1L, 13L, 2L), query);
    assertEquals(java.util.Arrays.asList(2L, null, 3L), results);
    List<UdfErrorRecord> records = runtime.errorLog().records();
    assertEquals(1, records.size());
    UdfErrorRecord record = records.get(0);
    assertEquals(query.queryId(), record.queryId());
    assertEquals("risky", record.function());
    assertEquals(1, record.row());
    assertEquals(List.of("13"), record.arguments());
    assertTrue(record.error().contains("unlucky 13"), record.error());
  }

  @Test
  void onErrorIgnoreGivesNullSilently() {
    define("risky", "acme.Rows", null, Map.of("on_error", "ignore"));
    assertEquals(java.util.Arrays.asList(2L, null, 3L), evaluate("risky", List.of(1L, 13L, 2L)));
    assertTrue(runtime.errorLog().records().isEmpty());
  }

  @Test
  void failedBatchIsRerunRowByRowSoOnlyTheFailingRowIsNull() {
    define("plus_one", "acme.Batches", DataType.BIGINT,
        Map.of("on_error", "log", "batch_size", "10"));
    List<Object> results = evaluate("plus_one", range(30));
    for (int row = 0; row < 30; row++) {
      if (row == 13) {
        assertNull(results.get(row));
      } else {
        assertEquals((long) row + 1, results.get(row));
      }
    }
    assertEquals(1, runtime.errorLog().records().size());
    assertEquals(13, runtime.errorLog().records().get(0).row());
  }

  @Test
  void retriesWithBackoffUntilTheCallSucceeds() {
    define("flaky", "acme.Rows#flaky", null,
        Map.of("max_retries", "2", "retry_backoff", "40ms", "max_concurrency", "1"));
    long started = System.nanoTime();
    assertEquals(List.of(5L, 6L), evaluate("flaky", List.of(5L, 6L)));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    // Equal jitter: at least half of 40 ms, then half of 80 ms.
    assertTrue(elapsedMillis >= 60, "two backoffs took only " + elapsedMillis + " ms");
    UdfStatsSnapshot stats = runtime.statistics().stream()
        .filter(s -> s.function().equals("flaky")).findFirst().orElseThrow();
    assertEquals(2, stats.retries());
    assertEquals(0, stats.errors());

    define("flaky", "acme.Rows#flaky", null, Map.of("max_retries", "1", "retry_backoff", "1ms"));
    SalvoException error =
        assertThrows(SalvoException.class, () -> evaluate("flaky", List.of(5L)));
    assertTrue(error.getMessage().contains("flaky attempt 1"), error.getMessage());
  }

  @Test
  void callPastItsTimeoutFails() {
    define("slow", "acme.Rows#slow", null, Map.of("timeout", "200ms"));
    long started = System.nanoTime();
    SalvoException error =
        assertThrows(SalvoException.class, () -> evaluate("slow", List.of(1L)));
    assertTrue(error.getMessage().contains("timed out"), error.getMessage());
    assertTrue(System.nanoTime() - started < 5_000_000_000L);
  }

  @Test
  void gpuSlotsAllowExactlyFourHalfGpuInstancesOnTwoGpus() {
    define("gpu_model", "acme.Model#gpu", null,
        Map.of("gpus", "0.5", "max_concurrency", "10", "batch_size", "2"));
    List<Object> devices = evaluate("gpu_model", range(100));
    assertTrue(devices.stream().allMatch(d -> d.equals(0L) || d.equals(1L)), devices::toString);
    assertEquals(4, probe("live_peak"));
    assertTrue(probe("device0_peak") <= 2 && probe("device1_peak") <= 2);
    assertEquals(4, runtime.gpuInventory().deviceCount() * 2);

    SalvoException error = assertThrows(SalvoException.class,
        () -> define("too_big", "acme.Model#gpu", null, Map.of("gpus", "3")));
    assertEquals(ErrorCode.INSUFFICIENT_RESOURCES, error.code());
    assertTrue(error.getMessage().contains("too_big"), error.getMessage());
  }

  @Test
  void idleInstancesAreClosedAfterTheIdleTimeout() throws Exception {
    define("model", "acme.Model", null, Map.of("idle_timeout", "200ms"));
    evaluate("model", range(10));
    assertTrue(probe("constructed") >= 1);
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (probe("live") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, probe("live"));
    assertEquals(probe("constructed"), probe("closed"));
  }

  @Test
  void runningQueriesKeepTheirVersionWhenTheFunctionIsReplacedOrDropped() {
    define("model", "acme.Model", null, Map.of());
    FunctionHandle running = runtime.open("model");
    try (FieldVector input = VectorValues.vectorOf("x", DataType.BIGINT, List.of(4L), allocator)) {
      running.evaluate(List.of(input), 1, query()).close();
      define("model", "acme.Rows", null, Map.of());
      try (FunctionHandle replaced = runtime.open("model")) {
        assertTrue(replaced.version() > running.version());
        assertEquals(List.of(5L), evaluate("model", List.of(4L)));
      }
      assertTrue(runtime.drop("model"));
      try (FieldVector output = running.evaluate(List.of(input), 1, query())) {
        assertEquals(8L, VectorValues.get(output, 0));
      }
      assertEquals(0, probe("closed"));
      running.close();
      assertEquals(probe("constructed"), probe("closed"), "the dropped version drained");
      assertThrows(SalvoException.class, () -> runtime.open("model"));
    }
  }

  @Test
  void cancelledQueryStopsWaitingPromptly() {
    define("slow", "acme.Rows#slow", null, Map.of());
    QueryContext query = query();
    CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      query.cancel();
    });
    long started = System.nanoTime();
    SalvoException error =
        assertThrows(SalvoException.class, () -> evaluate("slow", List.of(1L), query));
    assertEquals(ErrorCode.QUERY_CANCELLED, error.code());
    assertTrue(System.nanoTime() - started < 3_000_000_000L);
  }
}
