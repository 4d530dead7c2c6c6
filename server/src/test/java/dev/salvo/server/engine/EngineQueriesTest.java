package dev.salvo.server.engine;

import static dev.salvo.server.http.ApiClient.await;
import static dev.salvo.server.http.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.server.http.ApiClient;
import dev.salvo.server.http.ApiClient.QueryOutcome;
import dev.salvo.server.http.HttpApiServer;
import dev.salvo.server.http.JsonPageEncoder;
import dev.salvo.server.query.EngineStatementExecutor;
import dev.salvo.server.query.QueriesTable;
import dev.salvo.server.query.QueryManager;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.udf.runtime.UdfJars;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query lifecycle end to end with the real engine: many concurrent queries, cancellation of
 * a query busy calling a slow user-defined function, the Arrow result against the JSON one,
 * progress, session properties, {@code system.queries} and the function listing.
 */
@Timeout(120)
class EngineQueriesTest {
  private static final SlowTableSource STEPS = new SlowTableSource(4, 3, 10, 60);

  /** Test UDFs, compiled into a jar that CREATE FUNCTION ... USING JAR names. */
  private static final Map<String, String> UDF_SOURCES = Map.of(
      "acme.Sleepy", """
          package acme;
          import dev.salvo.server.engine.UdfCallLog;
          /** Takes 50 ms a call, like a remote model, and logs every call it gets. */
          public class Sleepy {
            public static Long call(Long x) throws InterruptedException {
              UdfCallLog.started();
              try {
                Thread.sleep(50);
                return x;
              } finally {
                UdfCallLog.finished();
              }
            }
          }
          """,
      "acme.Text", """
          package acme;
          public class Text {
            public static String shout(String s) { return s == null ? null : s.toUpperCase(); }
          }
          """);

  @TempDir
  static Path udfBuildDirectory;

  private static String udfJar;
  private static SalvoEngine engine;
  private static QueryManager manager;
  private static HttpApiServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() throws IOException {
    udfJar = UdfJars.build(udfBuildDirectory, UDF_SOURCES).toString();
    AtomicReference<QueryManager> managerRef = new AtomicReference<>();
    engine = new SalvoEngine(new EngineConfig(4, 4096, 256L << 20, 1L << 30,
        Map.of("tiny", 0.01)), Map.of(
            QueriesTable.NAME, QueriesTable.source(() -> managerRef.get().list()),
            "steps", STEPS));
    manager = new QueryManager(new EngineStatementExecutor(engine), QueryManager.Settings.of(
        8, 400, 8L << 20, 0, Duration.ofMinutes(5), Duration.ofMinutes(5), 1000),
        new JsonPageEncoder());
    managerRef.set(manager);
    server = new HttpApiServer("127.0.0.1", 0, 1 << 20, manager, 1L << 30);
    server.start();
    api = new ApiClient(server.uri());
  }

  @AfterAll
  static void stop() {
    manager.shutDown();
    server.stop();
    engine.close();
  }

  @Test
  void twoHundredConcurrentSubmissionsAllFinishWithCorrectResults() throws Exception {
    int count = 200;
    // The expected rows come from two queries run on the engine directly, differently planned.
    Map<Long, List<Object>> totals = new HashMap<>();
    for (List<Object> row : runDirectly("SELECT c_custkey % 100, count(*), sum(c_acctbal)"
        + " FROM tpch.tiny.customer GROUP BY c_custkey % 100")) {
      totals.put((Long) row.get(0), row.subList(1, 3));
    }
    Map<Long, List<List<Object>>> customers = new HashMap<>();
    for (List<Object> row : runDirectly("SELECT c_custkey, c_name, c_acctbal, c_mktsegment"
        + " FROM tpch.tiny.customer ORDER BY c_custkey")) {
      customers.computeIfAbsent((Long) row.get(0) % 100, key -> new ArrayList<>()).add(row);
    }
    List<String> statements = new ArrayList<>();
    List<List<List<Object>>> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long residue = i / 2;
      if (i % 2 == 0) {
        statements.add("SELECT count(*) AS c, sum(c_acctbal) AS b FROM tpch.tiny.customer"
            + " WHERE c_custkey % 100 = " + residue);
        expected.add(List.of(totals.get(residue)));
      } else {
        // Small batches, so that the rows come in several batches and pages.
        statements.add("{\"sql\": \"SELECT c_custkey, c_name, c_acctbal, c_mktsegment"
            + " FROM tpch.tiny.customer WHERE c_custkey % 100 = " + residue
            + " ORDER BY c_custkey\", \"properties\": {\"batch_size\": 4}}");
        expected.add(customers.get(residue));
      }
    }
    ExecutorService clients = Executors.newFixedThreadPool(count);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger queued = new AtomicInteger();
    List<Future<QueryOutcome>> outcomes = new ArrayList<>();
    try {
      for (String sql : statements) {
        outcomes.add(clients.submit(() -> {
          go.await();
          HttpResponse<String> submitted = api.submit(sql);
          assertEquals(201, submitted.statusCode(), submitted.body());
          JsonNode status = json(submitted);
          if (status.get("state").asText().equals("QUEUED")) {
            queued.incrementAndGet();
          }
          return api.follow(status);
        }));
      }
      go.countDown();
      for (int i = 0; i < count; i++) {
        QueryOutcome outcome = outcomes.get(i).get(100, TimeUnit.SECONDS);
        assertEquals("FINISHED", outcome.state(), outcome.status().toString());
        assertRows(expected.get(i), outcome.rows(), statements.get(i));
      }
    } finally {
      clients.shutdownNow();
    }
    // Eight run at a time: most of them had to wait their turn.
    assertTrue(queued.get() > 0, "No submission was queued");
    assertTrue(await(Duration.ofSeconds(5), () -> engine.allocatedMemory() == 0),
        engine.allocatedMemory() + " bytes still allocated");
  }

  @Test
  void cancellingAQueryWhoseUdfSleepsStopsItsCallsWithinASecondAndFreesItsMemory() {
    run("CREATE FUNCTION sleepy(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Sleepy#call'"
        + " USING JAR '" + udfJar + "' WITH (batch_size = 1, max_concurrency = 2)");
    // 60,175 rows at 50 ms a call, two calls at a time: half an hour unless cancelled.
    JsonNode query = json(api.submit("{\"sql\": \"SELECT l_orderkey, sleepy(l_orderkey) AS k"
        + " FROM tpch.tiny.lineitem\", \"properties\": {\"parallelism\": 2,"
        + " \"batch_size\": 256}}"));
    String infoUri = query.get("infoUri").asText();
    int callsBefore = UdfCallLog.calls();
    assertTrue(await(Duration.ofSeconds(20), () -> UdfCallLog.calls() >= callsBefore + 6),
        "The UDF was not called: " + json(api.get(infoUri)));
    JsonNode running = json(api.get(infoUri));
    assertEquals("RUNNING", running.get("state").asText(), running.toString());
    assertTrue(running.get("progress").get("memoryBytes").asLong() > 0, running.toString());
    assertTrue(engine.allocatedMemory() > 0);

    HttpResponse<String> cancelled = api.delete(infoUri);
    long cancelledAt = System.nanoTime();

    assertEquals(200, cancelled.statusCode(), cancelled.body());
    assertEquals("CANCELLED", json(cancelled).get("state").asText());
    sleepUntil(cancelledAt + TimeUnit.SECONDS.toNanos(1));
    int callsAfterOneSecond = UdfCallLog.calls();
    int inFlightAfterOneSecond = UdfCallLog.inFlight();
    sleepUntil(cancelledAt + TimeUnit.SECONDS.toNanos(2));
    assertEquals(callsAfterOneSecond, UdfCallLog.calls(),
        "The UDF was still being called more than a second after the cancellation");
    assertEquals(0, inFlightAfterOneSecond, "Calls under way a second after the cancellation");
    assertTrue(UdfCallLog.lastCallStartedNanos() - cancelledAt < TimeUnit.SECONDS.toNanos(1),
        "A call started more than a second after the cancellation");
    assertTrue(await(Duration.ofSeconds(5), () -> engine.allocatedMemory() == 0),
        engine.allocatedMemory() + " bytes still allocated after the cancellation");
    JsonNode status = json(api.get(infoUri));
    assertEquals("CANCELLED", status.get("state").asText());
    assertEquals(0, status.get("progress").get("memoryBytes").asLong(), status.toString());
  }

  @Test
  void theArrowResultReadByArrowsReaderEqualsTheJsonResult() throws IOException {
    String sql = "SELECT l_orderkey, l_linenumber, l_quantity, l_extendedprice, l_discount,"
        + " l_shipdate, l_returnflag, l_comment, l_quantity * 2.5e0 AS doubled"
        + " FROM tpch.tiny.lineitem WHERE l_orderkey < 3000 ORDER BY l_orderkey, l_linenumber";
    QueryOutcome paged = api.follow(json(api.submit(sql)));
    assertEquals("FINISHED", paged.state());
    JsonNode streamedJson = json(api.get(json(api.submit(sql)).get("resultUri").asText()));

    List<String> names = new ArrayList<>();
    List<List<Object>> arrowRows = new ArrayList<>();
    String resultUri = json(api.submit(sql)).get("resultUri").asText();
    HttpResponse<InputStream> response;
    try {
      response = api.http().send(api.request(resultUri, "Accept",
          "application/vnd.apache.arrow.stream").GET().build(), BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(200, response.statusCode());
    try (InputStream body = response.body();
        BufferAllocator allocator = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(body, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      root.getSchema().getFields().forEach(field -> names.add(field.getName()));
      assertTrue(root.getSchema().getFields().get(2).getType() instanceof ArrowType.Decimal);
      while (reader.loadNextBatch()) {
        for (int row = 0; row < root.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            values.add(arrowValue(vector, row));
          }
          arrowRows.add(values);
        }
      }
    }

    List<String> jsonNames = new ArrayList<>();
    paged.status().get("columns").forEach(column -> jsonNames.add(column.get("name").asText()));
    assertEquals(jsonNames, names);
    assertTrue(arrowRows.size() > 3000, arrowRows.size() + " rows");
    assertRows(arrowRows, paged.rows(), sql);
    List<JsonNode> streamedRows = new ArrayList<>();
    streamedJson.get("data").forEach(streamedRows::add);
    assertRows(arrowRows, streamedRows, sql);
  }

  @Test
  void progressShowsTheShareOfSplitsRead() {
    JsonNode query = json(api.submit("{\"sql\": \"SELECT id FROM system.steps\","
        + " \"properties\": {\"parallelism\": 1}}"));
    String infoUri = query.get("infoUri").asText();
    List<Double> seen = new ArrayList<>();
    JsonNode status;
    do {
      status = json(api.get(infoUri));
      JsonNode percent = status.get("progress").get("percent");
      if (!percent.isNull()) {
        seen.add(percent.asDouble());
      }
      sleep(10);
    } while (!status.get("state").asText().equals("FINISHED"));

    assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 100), "Percentages seen: " + seen);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "Progress went back: " + seen);
    }
    JsonNode progress = status.get("progress");
    assertEquals(100.0, progress.get("percent").asDouble());
    assertEquals(4, progress.get("splitsTotal").asLong());
    assertEquals(4, progress.get("splitsCompleted").asLong());
    assertEquals(120, progress.get("scannedRows").asLong());
    assertEquals(120, progress.get("rows").asLong());
    assertEquals(12, progress.get("batches").asLong());
    assertTrue(progress.get("bytes").asLong() > 0);
    assertTrue(progress.get("peakMemoryBytes").asLong() > 0);
    assertEquals(0, progress.get("udfCallsCompleted").asLong());
    assertEquals(120, api.follow(query).rows().size());
  }

  @Test
  void sessionPropertiesReachTheEngine() {
    JsonNode query = json(api.submit("{\"sql\": \"SELECT o_orderkey FROM tpch.tiny.orders\","
        + " \"properties\": {\"batch_size\": 500, \"parallelism\": 1}}"));
    QueryOutcome outcome = api.follow(query);

    assertEquals(15_000, outcome.rows().size());
    JsonNode progress = json(api.get(query.get("infoUri").asText())).get("progress");
    assertTrue(progress.get("batches").asLong() >= 30, progress.toString());
    assertEquals(15_000, progress.get("rows").asLong());

    // A session may take up to the whole memory (memory.max, 1GB here), as SET allows.
    HttpResponse<String> tooMuch = api.submit("{\"sql\": \"SELECT 1\", \"properties\":"
        + " {\"query_max_memory\": \"2GB\"}}");
    assertEquals(400, tooMuch.statusCode(), tooMuch.body());
    assertTrue(tooMuch.body().contains("INVALID_SETTING_VALUE"), tooMuch.body());
  }

  @Test
  void theSessionsDefaultSchemaResolvesNamesWithoutOne() {
    QueryOutcome fromBody = api.follow(json(api.submit("{\"sql\": \"SELECT count(*) FROM"
        + " nation\", \"properties\": {\"schema\": \"tpch.tiny\"}}")));
    assertEquals(25, fromBody.rows().get(0).get(0).asLong());
    QueryOutcome fromHeader = api.follow(json(api.submit("SELECT count(*) FROM region",
        "X-Salvo-Session", "catalog=tpch,schema=tiny")));
    assertEquals(5, fromHeader.rows().get(0).get(0).asLong());

    HttpResponse<String> unknown = api.submit("SELECT 1", "X-Salvo-Session",
        "schema=tpch.nope");
    assertEquals(400, unknown.statusCode(), unknown.body());
    JsonNode error = json(unknown).get("error");
    assertEquals("SCHEMA_NOT_FOUND", error.get("code").asText());
    assertEquals("3F000", error.get("sqlState").asText());
    HttpResponse<String> noCatalog = api.submit("{\"sql\": \"SELECT 1\", \"properties\":"
        + " {\"catalog\": \"nope\"}}");
    assertEquals(400, noCatalog.statusCode(), noCatalog.body());
    assertEquals("3D000", json(noCatalog).get("error").get("sqlState").asText());
  }

  @Test
  void systemQueriesListsTheQueriesAsSql() {
    JsonNode earlier = json(api.submit("SELECT n_name FROM tpch.tiny.nation"));
    api.follow(earlier);
    String id = earlier.get("id").asText();
    api.submit("SELECT * FROM no_such_table");

    HttpResponse<String> submitted = api.submit("SELECT query_id, user_name, state, query,"
        + " output_rows, error_code, created, ended FROM system.queries"
        + " WHERE query_id = '" + id + "' OR state IN ('RUNNING', 'FAILED')"
        + " ORDER BY created");
    assertEquals(201, submitted.statusCode(), submitted.body());
    QueryOutcome outcome = api.follow(json(submitted));

    assertEquals("FINISHED", outcome.state(), outcome.status().toString());
    JsonNode finished = outcome.rows().stream()
        .filter(row -> row.get(0).asText().equals(id)).findFirst().orElseThrow();
    assertEquals("anonymous", finished.get(1).asText());
    assertEquals("FINISHED", finished.get(2).asText());
    assertEquals("SELECT n_name FROM tpch.tiny.nation", finished.get(3).asText());
    assertEquals(25, finished.get(4).asLong());
    assertTrue(finished.get(5).isNull());
    assertTrue(outcome.rows().stream().anyMatch(row -> row.get(2).asText().equals("RUNNING")
        && row.get(3).asText().contains("FROM system.queries")), "It lists itself");
    assertTrue(outcome.rows().stream().anyMatch(row -> row.get(2).asText().equals("FAILED")
        && row.get(5).asText().equals("TABLE_NOT_FOUND")));
  }

  @Test
  void functionsAreListed() {
    JsonNode functions = json(api.get("/v1/functions")).get("functions");
    Map<String, String> kinds = new ConcurrentHashMap<>();
    functions.forEach(function -> kinds.put(function.get("name").asText(),
        function.get("kind").asText()));
    assertEquals("SCALAR", kinds.get("ABS"));
    assertEquals("SCALAR", kinds.get("SUBSTRING"));
    assertEquals("AGGREGATE", kinds.get("COUNT"));
    assertTrue(functions.get(0).get("builtIn").asBoolean());
  }

  @Test
  void userDefinedFunctionsAreListedWithTheirDefinitionAndOptions() {
    Instant before = Instant.now();
    String javaDefinition = "CREATE FUNCTION shout(s VARCHAR) RETURNS VARCHAR LANGUAGE JAVA"
        + " AS 'acme.Text#shout' USING JAR '" + udfJar + "'"
        + " WITH (batch_size = 64, max_concurrency = 3, max_retries = 2, on_error = 'log',"
        + " timeout = '1500ms', idle_timeout = '2m')";
    run(javaDefinition);
    run("CREATE FUNCTION add_tax(price DECIMAL(15, 2)) RETURNS DECIMAL(15, 2)"
        + " RETURN price * 1.2");

    Map<String, JsonNode> byName = new HashMap<>();
    json(api.get("/v1/functions")).get("functions")
        .forEach(function -> byName.put(function.get("name").asText(), function));

    JsonNode shout = byName.get("shout");
    assertEquals("SCALAR", shout.get("kind").asText());
    assertFalse(shout.get("builtIn").asBoolean());
    assertEquals("shout(s VARCHAR)", shout.get("signature").asText());
    assertEquals("VARCHAR", shout.get("returnType").asText());
    assertEquals("JAVA", shout.get("language").asText());
    JsonNode implementation = shout.get("implementation");
    assertEquals("acme.Text", implementation.get("className").asText());
    assertEquals("shout", implementation.get("methodName").asText());
    // The server runs its own copy of the jar, under its data directory.
    assertEquals(1, implementation.get("jars").size());
    assertTrue(implementation.get("jars").get(0).asText().endsWith(".jar"));
    JsonNode options = shout.get("options");
    assertEquals(64, options.get("batch_size").asInt());
    assertEquals(3, options.get("max_concurrency").asInt());
    assertEquals(0.0, options.get("gpus").asDouble());
    assertFalse(options.get("use_process").asBoolean());
    assertEquals(2, options.get("max_retries").asInt());
    assertEquals("log", options.get("on_error").asText());
    assertEquals("1500ms", options.get("timeout").asText());
    assertEquals("2m", options.get("idle_timeout").asText());
    assertEquals("100ms", options.get("retry_backoff").asText());
    Instant created = Instant.parse(shout.get("createdAt").asText());
    assertFalse(created.isBefore(before.minusSeconds(1)), created + " vs " + before);
    assertEquals(javaDefinition, shout.get("definition").asText());

    JsonNode addTax = byName.get("add_tax");
    assertEquals("SQL", addTax.get("language").asText());
    assertEquals("DECIMAL(15, 2)", addTax.get("returnType").asText());
    assertEquals("price * 1.2", addTax.get("implementation").get("body").asText());
    assertFalse(addTax.has("options"), addTax.toString());

    // What the listing shows is what runs: the options are those the runtime applies.
    QueryOutcome called = api.follow(json(api.submit(
        "SELECT shout(n_name), add_tax(12.50) FROM tpch.tiny.nation WHERE n_nationkey = 1")));
    assertEquals("FINISHED", called.state(), called.status().toString());
    assertEquals("ARGENTINA", called.rows().get(0).get(0).asText());
    assertEquals(0, new BigDecimal("15").compareTo(called.rows().get(0).get(1).decimalValue()),
        called.rows().toString());

    run("DROP FUNCTION shout");
    HttpResponse<String> afterDrop = api.get("/v1/functions");
    assertFalse(afterDrop.body().contains("\"shout\""), afterDrop.body());
  }

  // --------------------------------------------------------------------------------- helpers

  /** Runs {@code sql} through {@code POST /v1/statements} and checks that it finished. */
  private static void run(String sql) {
    QueryOutcome outcome = api.follow(json(api.submit(sql)));
    assertEquals("FINISHED", outcome.state(), sql + ": " + outcome.status());
  }

  /** The rows the engine itself returns for {@code sql}, as Java values. */
  private static List<List<Object>> runDirectly(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql)) {
      Batch batch;
      while ((batch = stream.next()) != null) {
        try (Batch current = batch) {
          for (int row = 0; row < current.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : current.columns()) {
              values.add(VectorValues.get(vector, row));
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }

  /** A value as Arrow's own vector classes give it, in the Java form rows are compared in. */
  private static Object arrowValue(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof DateDayVector days) {
      return LocalDate.ofEpochDay(days.get(row));
    }
    Object value = vector.getObject(row);
    if (value instanceof org.apache.arrow.vector.util.Text text) {
      return text.toString();
    }
    return value;
  }

  private static void assertRows(List<List<Object>> expected, List<JsonNode> actual,
      String sql) {
    assertEquals(expected.size(), actual.size(), "Row count of " + sql);
    for (int row = 0; row < expected.size(); row++) {
      List<Object> want = expected.get(row);
      JsonNode got = actual.get(row);
      assertEquals(want.size(), got.size(), "Columns of row " + row + " of " + sql);
      for (int column = 0; column < want.size(); column++) {
        Object value = want.get(column);
        JsonNode node = got.get(column);
        String where = "row " + row + ", column " + column + " of " + sql + ": " + value
            + " vs " + node;
        if (value == null) {
          assertTrue(node.isNull(), where);
        } else if (value instanceof BigDecimal decimal) {
          assertEquals(0, decimal.compareTo(node.decimalValue()), where);
        } else if (value instanceof Double || value instanceof Float) {
          assertEquals(((Number) value).doubleValue(), node.doubleValue(), where);
        } else if (value instanceof Number number) {
          assertTrue(node.isIntegralNumber(), where);
          assertEquals(number.longValue(), node.longValue(), where);
        } else {
          assertEquals(value.toString(), node.asText(), where);
        }
      }
    }
    assertFalse(expected.isEmpty() && !actual.isEmpty());
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
