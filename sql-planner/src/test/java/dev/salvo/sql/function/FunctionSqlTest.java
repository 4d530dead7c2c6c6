package dev.salvo.sql.function;

import dev.salvo.udf.runtime.UdfJars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE FUNCTION end to end: UDFs compiled into a real jar, created and called in SQL. */
class FunctionSqlTest {
  @TempDir
  static Path workDirectory;
  static String jar;

  private final List<FunctionTestEngine> engines = new ArrayList<>();

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UdfJars.build(workDirectory, TestUdfs.SOURCES).toString();
  }

  @AfterEach
  void closeEngines() {
    engines.forEach(FunctionTestEngine::close);
  }

  private FunctionTestEngine engine(String gpuInventory) {
    UdfRuntime runtime = new UdfRuntime(UdfRuntimeSettings.DEFAULTS.withGpuInventory(gpuInventory));
    FunctionTestEngine engine = new FunctionTestEngine(
        EngineConfig.defaults().withParallelism(4).withBatchSize(1000)
            .withTpchSchemas(Map.of("tiny", 0.01)),
        runtime);
    engines.add(engine);
    engine.query("CREATE FUNCTION probe(name VARCHAR) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Probe#get' USING JAR '" + jar + "'");
    return engine;
  }

  private FunctionTestEngine engine() {
    return engine("0");
  }

  private static long probe(FunctionTestEngine engine, String name) {
    return ((Number) engine.single("SELECT probe('" + name + "')")).longValue();
  }

  @Test
  void rowWiseFunctionInSelectWhereAndGroupBy() {
    FunctionTestEngine engine = engine();
    assertEquals(List.of(List.of("CREATE FUNCTION twice")), engine.query(
        "CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Rows#twice'"
            + " USING JAR 'file:" + jar + "'"));
    assertEquals(List.of(List.of(10L, 5L)), engine.query(
        "SELECT twice(n_nationkey) AS doubled, n_nationkey FROM tpch.tiny.nation"
            + " WHERE n_nationkey = 5"));
    // An INTEGER argument is cast to the declared BIGINT; the call also filters and groups.
    assertEquals(List.of(List.of(4L, 5L)), engine.query(
        "SELECT twice(n_regionkey) AS g, count(*) FROM tpch.tiny.nation"
            + " WHERE twice(n_nationkey) > 10 AND n_regionkey = 2 GROUP BY twice(n_regionkey)"));
    assertEquals(60175L, ((Number) engine.single(
        "SELECT count(*) FROM tpch.tiny.lineitem WHERE twice(l_orderkey) > 0")).longValue());
    // Nested calls and calls inside expressions.
    assertEquals(List.of(List.of(28L)), engine.query(
        "SELECT twice(twice(n_nationkey)) + 8 FROM tpch.tiny.nation WHERE n_nationkey = 5"));
  }

  @Test
  void callsNeverExceedBatchSize() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION slow(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Slow'"
        + " USING JAR '" + jar + "' WITH (batch_size = 100)");
    assertEquals(15000L, ((Number) engine.single(
        "SELECT count(slow(o_orderkey)) FROM tpch.tiny.orders")).longValue());
    assertEquals(100, probe(engine, "slow_rows"));
  }

  @Test
  void twoConcurrentQueriesStayWithinMaxConcurrency() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION slow(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Slow'"
        + " USING JAR '" + jar + "' WITH (batch_size = 250, max_concurrency = 3)");
    String sql = "SELECT sum(slow(o_orderkey)) FROM tpch.tiny.orders";
    CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> engine.single(sql));
    CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> engine.single(sql));
    assertEquals(first.join(), second.join());
    long peak = probe(engine, "slow_active_peak");
    assertTrue(peak <= 3, "at most 3 calls at once, saw " + peak);
    assertTrue(peak >= 2, "the operator keeps enough batches in flight to use the cap: " + peak);
  }

  @Test
  void asyncFunctionOverlapsItsCalls() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION fetch_value(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Fetch' USING JAR '" + jar + "' WITH (max_concurrency = 100)");
    String sql = "SELECT count(fetch_value(o_orderkey)) FROM"
        + " (SELECT o_orderkey FROM tpch.tiny.orders LIMIT 1000)";
    engine.single(sql);
    // Best of three, so a busy build machine does not decide the outcome.
    double seconds = Double.MAX_VALUE;
    for (int attempt = 0; attempt < 3; attempt++) {
      long start = System.nanoTime();
      assertEquals(1000L, ((Number) engine.single(sql)).longValue());
      seconds = Math.min(seconds, (System.nanoTime() - start) / 1e9);
    }
    // 1,000 calls of 10 ms, 100 at a time: 0.1 s ideally; sequential would take 10 s.
    assertTrue(seconds < 0.2, "took " + seconds + " s");
  }

  @Test
  void classConstructorRunsAtMostMaxConcurrencyTimesAndStaysWarm() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION model(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Model#call' USING JAR '" + jar + "' WITH (max_concurrency = 2)");
    String sql = "SELECT sum(model(o_orderkey)) FROM tpch.tiny.orders";
    Object first = engine.single(sql);
    long constructed = probe(engine, "model_constructed");
    assertTrue(constructed >= 1 && constructed <= 2, "constructed " + constructed);
    // A query may find one warm instance and start the second the cap allows, but three
    // queries that each built their own instances would have run the constructor 3+ times.
    assertEquals(first, engine.single(sql));
    assertEquals(first, engine.single(sql));
    constructed = probe(engine, "model_constructed");
    assertTrue(constructed <= 2, "constructed " + constructed + " over three queries");
  }

  @Test
  void gpuInventoryOfTwoAllowsFourHalfGpuInstances() {
    FunctionTestEngine engine = engine("2");
    engine.query("CREATE FUNCTION device(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Model#device' USING JAR '" + jar + "' WITH (gpus = 0.5, batch_size = 50)");
    List<List<Object>> devices = engine.query(
        "SELECT device(o_orderkey) AS d, count(*) FROM tpch.tiny.orders GROUP BY device(o_orderkey)"
            + " ORDER BY d");
    assertEquals(4, probe(engine, "model_live_peak"));
    assertEquals(List.of(0L, 1L), devices.stream().map(row -> row.get(0)).toList());
    SalvoException tooMuch = assertThrows(SalvoException.class, () -> engine.query(
        "CREATE FUNCTION big(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Model#device'"
            + " USING JAR '" + jar + "' WITH (gpus = 3)"));
    assertEquals(ErrorCode.INSUFFICIENT_RESOURCES, tooMuch.code());
    assertTrue(tooMuch.hasPosition());
  }

  @Test
  void onErrorRaiseLogAndIgnore() {
    FunctionTestEngine engine = engine();
    String create = "CREATE OR REPLACE FUNCTION risky(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Rows#failOn13' USING JAR '" + jar + "' WITH (on_error = '%s')";
    String sql = "SELECT risky(n_nationkey) FROM tpch.tiny.nation WHERE n_nationkey IN (12, 13)"
        + " ORDER BY n_nationkey";

    engine.query(create.formatted("raise"));
    SalvoException raised = assertThrows(SalvoException.class, () -> engine.query(sql));
    assertEquals(ErrorCode.UDF_FAILED, raised.code());
    assertTrue(raised.getMessage().contains("risky"), raised.getMessage());
    assertTrue(raised.getMessage().contains("thirteen is unlucky"), raised.getMessage());

    engine.query(create.formatted("log"));
    assertEquals(List.of(List.of(12L), java.util.Arrays.asList((Object) null)), engine.query(sql));
    List<List<Object>> errors = engine.query(
        "SELECT function_name, error, arguments, query_id FROM system.udf_errors");
    assertEquals(1, errors.size());
    assertEquals("risky", errors.get(0).get(0).toString());
    assertTrue(errors.get(0).get(1).toString().contains("thirteen"), errors.toString());
    assertTrue(errors.get(0).get(2).toString().contains("13"), errors.toString());
    assertFalse(errors.get(0).get(3).toString().isEmpty());

    engine.query(create.formatted("ignore"));
    assertEquals(List.of(List.of(12L), java.util.Arrays.asList((Object) null)), engine.query(sql));
    assertEquals(1L, ((Number) engine.single("SELECT count(*) FROM system.udf_errors"))
        .longValue());
  }

  @Test
  void exitInIsolatedProcessLeavesTheServerUp() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION quitter(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Rows#exitOn13' USING JAR '" + jar + "' WITH (use_process = true)");
    SalvoException failed = assertThrows(SalvoException.class, () -> engine.query(
        "SELECT quitter(n_nationkey) FROM tpch.tiny.nation"));
    assertEquals(ErrorCode.UDF_FAILED, failed.code());
    assertEquals(List.of(List.of(6L)), engine.query(
        "SELECT quitter(n_nationkey) FROM tpch.tiny.nation WHERE n_nationkey = 5"));
  }

  @Test
  void statsTableCountsCalls() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION slow(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Slow'"
        + " USING JAR '" + jar + "' WITH (batch_size = 10)");
    engine.query("SELECT slow(n_nationkey) FROM tpch.tiny.nation");
    List<List<Object>> stats = engine.query("SELECT calls, input_rows, errors, p50_ms"
        + " FROM system.udf_stats WHERE function_name = 'slow'");
    assertEquals(1, stats.size());
    assertEquals(3L, ((Number) stats.get(0).get(0)).longValue());
    assertEquals(25L, ((Number) stats.get(0).get(1)).longValue());
    assertEquals(0L, ((Number) stats.get(0).get(2)).longValue());
    List<List<Object>> functions = engine.query(
        "SELECT name, function_language, batch_size FROM system.functions ORDER BY name");
    assertEquals(List.of("probe", "slow"),
        functions.stream().map(row -> row.get(0).toString()).toList());
    assertEquals(10, ((Number) functions.get(1).get(2)).intValue());
  }

  @Test
  void sqlBodiedFunctionIsInlined() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION double_it(x INT) RETURNS INT RETURN x * 2");
    engine.query("CREATE FUNCTION quadruple(y INT) RETURNS INT RETURN double_it(double_it(y));");
    List<List<Object>> rows = engine.query(
        "SELECT double_it(n_nationkey), quadruple(n_nationkey) FROM tpch.tiny.nation"
            + " WHERE double_it(n_nationkey) = 10");
    assertEquals(List.of(List.of(10L, 20L)), rows.stream()
        .map(row -> row.stream().map(value -> ((Number) value).longValue()).toList()).toList());
    String plan = String.join("\n", engine.query(
        "EXPLAIN SELECT quadruple(n_nationkey) AS q FROM tpch.tiny.nation").stream()
        .map(row -> row.get(0).toString()).toList()).toLowerCase();
    assertFalse(plan.contains("double_it") || plan.contains("quadruple")
        || plan.contains("externalcall"), plan);
    assertTrue(plan.contains("*"), plan);
  }

  @Test
  void bodiesWithSpecialSyntaxAreInlinedAtTheirCall() {
    // The inliner copies each body node to the call's position; operators with syntax of their
    // own (CASE, TRIM, EXTRACT, SUBSTRING, intervals, a scalar subquery) must survive the copy.
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION label(x INT) RETURNS VARCHAR RETURN CASE WHEN x > 20"
        + " THEN 'big' ELSE TRIM(BOTH ' ' FROM SUBSTRING('  small  ' FROM 2 FOR 6)) END");
    engine.query("CREATE FUNCTION next_year(d DATE) RETURNS BIGINT"
        + " RETURN EXTRACT(YEAR FROM d + INTERVAL '1' YEAR)");
    engine.query("CREATE FUNCTION region_of(k INT) RETURNS VARCHAR"
        + " RETURN (SELECT r_name FROM tpch.tiny.region WHERE r_regionkey = k)");
    List<List<Object>> rows = engine.query("SELECT label(n_nationkey), next_year(DATE"
        + " '1995-06-30'), region_of(n_regionkey) FROM tpch.tiny.nation"
        + " WHERE n_nationkey IN (1, 24) ORDER BY n_nationkey");
    assertEquals(List.of(List.of("small", 1996L, "AMERICA"), List.of("big", 1996L, "AMERICA")),
        rows.stream().map(row -> List.of(row.get(0).toString(),
            ((Number) row.get(1)).longValue(), row.get(2).toString())).toList());
    SalvoException error = assertThrows(SalvoException.class,
        () -> engine.query("SELECT n_name,\n  next_year(n_name) FROM tpch.tiny.nation"));
    assertEquals("2:3", error.line() + ":" + error.column(), error.getMessage());
  }

  @Test
  void functionsInJoinConditions() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Rows#twice' USING JAR '" + jar + "'");
    // A call on one side of an equality becomes a hash key computed below the join.
    String equi = "SELECT count(*) FROM tpch.tiny.nation n JOIN tpch.tiny.region r"
        + " ON twice(r.r_regionkey) = n.n_regionkey";
    assertEquals(15L, ((Number) engine.single(equi)).longValue());
    String plan = String.join("\n", engine.query("EXPLAIN " + equi).stream()
        .map(row -> row.get(0).toString()).toList()).toLowerCase();
    assertTrue(plan.contains("hashjoin"), plan);
    // A call over both sides filters the pairs the keys matched.
    assertEquals(List.of(List.of(4L, 4L), List.of(10L, 4L)), engine.query(
        "SELECT n.n_nationkey, r.r_regionkey FROM tpch.tiny.nation n JOIN tpch.tiny.region r"
            + " ON n.n_regionkey = r.r_regionkey AND twice(n.n_nationkey) + r.r_regionkey < 25"
            + " AND r.r_regionkey = 4 ORDER BY 1").stream()
        .map(row -> row.stream().map(value -> ((Number) value).longValue()).toList()).toList());
    // A call over both sides is the whole condition: a filtered cross product.
    assertEquals(5L, ((Number) engine.single("SELECT count(*) FROM tpch.tiny.region a"
        + " JOIN tpch.tiny.region b ON twice(a.r_regionkey) = twice(b.r_regionkey) + 0 * a.r_regionkey"))
        .longValue());
    SalvoException outer = assertThrows(SalvoException.class, () -> engine.query(
        "SELECT count(*) FROM tpch.tiny.nation n LEFT JOIN tpch.tiny.region r"
            + " ON n.n_regionkey = r.r_regionkey AND twice(n.n_nationkey) = r.r_regionkey + n.n_nationkey"));
    assertEquals(ErrorCode.NOT_SUPPORTED, outer.code());
    assertTrue(outer.getMessage().contains("LEFT join"), outer.getMessage());
  }

  @Test
  void createAndDropErrors() {
    FunctionTestEngine engine = engine();
    String twice = "CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Rows#twice' USING JAR '" + jar + "'";
    engine.query(twice);
    assertEquals(ErrorCode.DUPLICATE_FUNCTION,
        assertThrows(SalvoException.class, () -> engine.query(twice)).code());
    assertEquals(List.of(List.of("Function twice already exists; nothing changed")),
        engine.query(twice.replace("FUNCTION twice", "FUNCTION IF NOT EXISTS twice")));

    SalvoException unknown = assertThrows(SalvoException.class, () -> engine.query(
        "CREATE FUNCTION f(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Rows#twice'\n"
            + "WITH (batch_size = 10, colour = 'red')"));
    assertEquals(ErrorCode.INVALID_FUNCTION_OPTION, unknown.code());
    assertEquals(2, unknown.line());
    assertEquals(24, unknown.column());
    assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
    assertEquals(ErrorCode.INVALID_FUNCTION_OPTION, assertThrows(SalvoException.class,
        () -> engine.query(twice.replace("twice(", "g(") + " WITH (max_retries = -1)")).code());
    assertEquals(ErrorCode.INVALID_FUNCTION_OPTION, assertThrows(SalvoException.class,
        () -> engine.query(twice.replace("twice(", "g(") + " WITH (use_process = 'maybe')"))
        .code());
    assertEquals(ErrorCode.INVALID_FUNCTION_DEFINITION, assertThrows(SalvoException.class,
        () -> engine.query(twice.replace("twice(", "g(").replace(jar, "missing.jar"))).code());
    assertEquals(ErrorCode.INVALID_FUNCTION_DEFINITION, assertThrows(SalvoException.class,
        () -> engine.query(twice.replace("twice(", "g(").replace("#twice", "#nothing"))).code());
    assertEquals(ErrorCode.DUPLICATE_FUNCTION, assertThrows(SalvoException.class,
        () -> engine.query(twice.replace("twice(", "ascii("))).code());

    assertEquals(List.of(List.of("DROP FUNCTION twice")), engine.query("DROP FUNCTION twice"));
    SalvoException missing = assertThrows(SalvoException.class,
        () -> engine.query("DROP FUNCTION twice"));
    assertEquals(ErrorCode.FUNCTION_NOT_FOUND, missing.code());
    assertEquals(List.of(List.of("Function twice does not exist; nothing changed")),
        engine.query("DROP FUNCTION IF EXISTS twice"));
    assertEquals(ErrorCode.FUNCTION_NOT_FOUND, assertThrows(SalvoException.class,
        () -> engine.query("SELECT twice(1)")).code());
  }

  @Test
  void showAndDescribeFunctions() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION shout(s VARCHAR) RETURNS VARCHAR LANGUAGE JAVA"
        + " AS 'acme.Rows#shout' USING JAR '" + jar + "' WITH (max_retries = 2,"
        + " on_error = 'log', timeout = '5s', use_process = false)");
    assertEquals(List.of(List.of("ALGERIA")), engine.query(
        "SELECT shout(lower(n_name)) FROM tpch.tiny.nation WHERE n_nationkey = 0"));
    List<List<Object>> shown = engine.query("SHOW FUNCTIONS");
    assertEquals(2, shown.size());
    assertEquals("shout(s VARCHAR)", shown.get(1).get(2).toString());
    List<List<Object>> described = engine.query("DESCRIBE FUNCTION shout");
    assertTrue(described.stream().anyMatch(row -> row.get(0).toString().equals("max_retries")
        && row.get(1).toString().equals("2")), described.toString());
    assertTrue(described.stream().anyMatch(row -> row.get(0).toString().equals("on_error")
        && row.get(1).toString().equals("log")), described.toString());
  }

  @Test
  void replacingAFunctionKeepsRunningQueriesOnTheirVersion() throws Exception {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION slow(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Slow'"
        + " USING JAR '" + jar + "' WITH (batch_size = 100, max_concurrency = 1)");
    CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> engine.single(
        "SELECT sum(slow(o_orderkey)) FROM tpch.tiny.orders"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (probe(engine, "slow_rows") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    engine.query("CREATE OR REPLACE FUNCTION slow(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Rows#twice' USING JAR '" + jar + "'");
    long sumPlusOne = ((Number) engine.single(
        "SELECT sum(o_orderkey) + count(*) FROM tpch.tiny.orders")).longValue();
    assertEquals(sumPlusOne, ((Number) running.join()).longValue());
    assertEquals(10L, ((Number) engine.single("SELECT slow(5)")).longValue());
    engine.query("DROP FUNCTION slow");
  }

  @Test
  void nullResultOfMissingRowsStaysNull() {
    FunctionTestEngine engine = engine();
    engine.query("CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Rows#twice' USING JAR '" + jar + "'");
    assertNull(engine.single("SELECT twice(CAST(NULL AS BIGINT))"));
  }
}
