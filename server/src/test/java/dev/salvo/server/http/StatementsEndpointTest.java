package dev.salvo.server.http;

import static dev.salvo.server.http.ApiClient.await;
import static dev.salvo.server.http.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.BlockingResultStream;
import dev.salvo.server.query.FakeStatementExecutor;
import dev.salvo.server.query.QueryManager;
import dev.salvo.sql.QueryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The query lifecycle endpoints against a fake engine whose results the tests feed. */
@Timeout(60)
class StatementsEndpointTest {
  private static final int MAX_REQUEST_BYTES = 4096;
  private static final RowType ROW_TYPE = RowType.of(new Column("id", DataType.BIGINT),
      new Column("label", DataType.VARCHAR));

  private final FakeStatementExecutor executor = new FakeStatementExecutor();
  private BufferAllocator allocator;
  private QueryManager manager;
  private HttpApiServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    allocator = new RootAllocator();
    manager = new QueryManager(executor, QueryManager.Settings.of(4, 4, 1 << 20, 0,
        Duration.ofMinutes(1), Duration.ofMinutes(1), 100), new JsonPageEncoder());
    server = new HttpApiServer("127.0.0.1", 0, MAX_REQUEST_BYTES, manager, 1L << 30);
    server.start();
    api = new ApiClient(server.uri());
  }

  @AfterEach
  void stop() {
    manager.shutDown();
    server.stop();
    // Every batch a query received is released once it ended: nothing leaks.
    allocator.close();
  }

  @Test
  void submitAnswersAtOnceAndPagesStreamWhileTheQueryRuns() {
    BlockingResultStream result = new BlockingResultStream(ROW_TYPE);
    executor.answerWith(sql -> result);

    HttpResponse<String> submitted = api.submit("SELECT id, label FROM t");

    assertEquals(201, submitted.statusCode(), submitted.body());
    JsonNode status = json(submitted);
    String id = status.get("id").asText();
    assertEquals("RUNNING", status.get("state").asText());
    assertEquals(api.uri("/v1/statements/" + id).toString(), status.get("infoUri").asText());
    assertEquals(status.get("infoUri").asText(),
        submitted.headers().firstValue("Location").orElseThrow());
    assertEquals(id, submitted.headers().firstValue("X-Salvo-Query-Id").orElseThrow());
    assertEquals(status.get("infoUri").asText() + "?token=0", status.get("nextUri").asText());
    assertEquals(status.get("infoUri").asText() + "/result", status.get("resultUri").asText());
    assertEquals("id", status.get("columns").get(0).get("name").asText());
    assertEquals("VARCHAR", status.get("columns").get(1).get("type").asText());
    assertFalse(status.has("data"));

    // No rows yet: the request waits maxWait and answers without data, same token.
    JsonNode empty = json(api.get(status.get("nextUri").asText() + "&maxWait=50ms"));
    assertEquals("RUNNING", empty.get("state").asText());
    assertFalse(empty.has("data"));
    assertEquals(status.get("nextUri").asText(), empty.get("nextUri").asText());

    result.add(idBatch(0, 3));
    JsonNode first = json(api.get(status.get("nextUri").asText()));
    assertEquals("RUNNING", first.get("state").asText());
    assertEquals(List.of(0L, 1L, 2L), ids(first));
    assertTrue(first.get("nextUri").asText().endsWith("?token=1"));

    // A lost response can be asked for again; the page is kept until the next one is asked for.
    JsonNode again = json(api.get(status.get("nextUri").asText()));
    assertEquals(List.of(0L, 1L, 2L), ids(again));

    // A page request waiting for rows is answered as soon as they come.
    long asked = System.nanoTime();
    new Thread(() -> {
      sleep(100);
      result.add(idBatch(3, 2));
    }).start();
    JsonNode last = json(api.get(first.get("nextUri").asText() + "&maxWait=20s"));
    assertEquals(List.of(3L, 4L), ids(last));
    assertTrue(System.nanoTime() - asked < Duration.ofSeconds(10).toNanos(),
        "The page request waited out its maxWait although rows came");
    result.end();
    JsonNode end = json(api.get(last.get("nextUri").asText() + "&maxWait=10s"));
    assertEquals("FINISHED", end.get("state").asText());
    assertFalse(end.has("nextUri"), end.toString());
    assertFalse(end.has("data"));
    assertTrue(result.isClosed());
    assertEquals(100.0, end.get("progress").get("percent").asDouble());

    // Acknowledged pages are gone; pages beyond the next one do not exist.
    assertError(api.get(status.get("nextUri").asText()), 410, "INVALID_ARGUMENT");
    assertError(api.get(status.get("infoUri").asText() + "?token=9"), 404, "INVALID_ARGUMENT");
  }

  @Test
  void statusReportsStateProgressAndStatementWithoutTakingRows() {
    BlockingResultStream result = new BlockingResultStream(ROW_TYPE).add(idBatch(0, 2)).end();
    executor.answerWith(sql -> result);
    JsonNode submitted = json(api.submit("{\"sql\": \"SELECT 1\", \"properties\":"
        + " {\"batch_size\": 7}}", "X-Salvo-User", "alice"));
    String infoUri = submitted.get("infoUri").asText();
    assertTrue(await(Duration.ofSeconds(5),
        () -> "FINISHED".equals(json(api.get(infoUri)).get("state").asText())));

    JsonNode status = json(api.get(infoUri));

    assertEquals("alice", status.get("user").asText());
    assertEquals("SELECT 1", status.get("sql").asText());
    assertEquals("7", status.get("properties").get("batch_size").asText());
    assertNotNull(status.get("createdAt").asText());
    assertNotNull(status.get("startedAt").asText());
    assertNotNull(status.get("endedAt").asText());
    JsonNode progress = status.get("progress");
    for (String counter : List.of("rows", "batches", "bytes", "scannedRows", "splitsCompleted",
        "splitsTotal", "queuedMillis", "elapsedMillis", "memoryBytes", "peakMemoryBytes",
        "udfCallsCompleted", "udfCallErrors", "udfCallsInFlight")) {
      assertTrue(progress.get(counter).isIntegralNumber(), counter + " in " + progress);
    }
    assertEquals(0, progress.get("udfCallsCompleted").asLong());
    assertFalse(status.has("data"));
    // Looking at the status took nothing: the rows are still there.
    assertEquals(List.of(0L, 1L), ids(api.follow(submitted).rows()));
    assertEquals(List.of(Map.of("batch_size", "7")), executor.sessions());
  }

  @Test
  void sessionPropertiesAreCheckedAndPassedToTheEngine() {
    executor.answerWith(sql -> new BlockingResultStream(ROW_TYPE).end());

    JsonNode ok = json(api.submit("{\"sql\": \"SELECT 1\", \"properties\": {\"parallelism\": 2,"
        + " \"batch_size\": \"100\", \"query_max_memory\": \"64MB\"}}"));
    assertEquals("FINISHED", api.follow(ok).state());
    // The properties open a session, which checks them like SET does and runs the statement
    // with them; the query id still comes with the options.
    assertEquals(List.of(Map.of("parallelism", "2", "batch_size", "100",
        "query_max_memory", "64MB")), executor.sessions());
    assertEquals(ok.get("id").asText(), executor.startedWith().get(0).queryId());

    HttpResponse<String> unknown = api.submit(
        "{\"sql\": \"SELECT 1\", \"properties\": {\"batch_sise\": 10}}");
    assertError(unknown, 400, "UNKNOWN_SETTING");
    assertTrue(json(unknown).get("error").get("message").asText().contains("'batch_sise'"));
    HttpResponse<String> badValue = api.submit(
        "{\"sql\": \"SELECT 1\", \"properties\": {\"parallelism\": 0}}");
    assertError(badValue, 400, "INVALID_SETTING_VALUE");
    assertTrue(json(badValue).get("error").get("message").asText().contains("parallelism"));
    assertError(api.submit("{\"sql\": \"SELECT 1\", \"properties\":"
        + " {\"query_max_memory\": \"2GB\"}}"), 400, "INVALID_SETTING_VALUE");
    assertError(api.submit("{\"sql\": \"SELECT 1\", \"propertes\": {}}"), 400,
        "INVALID_ARGUMENT");
    assertError(api.submit("{\"sql\": \"SELECT 1\", \"properties\": [1]}"), 400,
        "INVALID_ARGUMENT");
    assertEquals(1, executor.statements().size());
  }

  @Test
  void aRetriedSubmitWithTheSameClientRequestIdReturnsTheSameQuery() {
    executor.answerWith(sql -> new BlockingResultStream(ROW_TYPE).add(idBatch(0, 1)).end());
    String body = "{\"sql\": \"SELECT 1\", \"clientRequestId\": \"job-7\"}";

    HttpResponse<String> first = api.submit(body);
    HttpResponse<String> retry = api.submit(body);

    assertEquals(201, first.statusCode());
    assertEquals(200, retry.statusCode());
    assertEquals(json(first).get("id"), json(retry).get("id"));
    assertEquals(1, executor.statements().size());
    // Another statement under the same id is a conflict; another user has ids of their own.
    assertError(api.submit("{\"sql\": \"SELECT 2\", \"clientRequestId\": \"job-7\"}"), 409,
        "INVALID_ARGUMENT");
    HttpResponse<String> bob = api.submit(body, "X-Salvo-User", "bob");
    assertEquals(201, bob.statusCode());
    assertFalse(json(bob).get("id").equals(json(first).get("id")));
    // The synchronous endpoint has no use for one.
    assertError(api.send(api.request("/v1/statement").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body)).build()), 400, "INVALID_ARGUMENT");
  }

  @Test
  void deleteCancelsARunningQueryAndOnlyThat() {
    BlockingResultStream result = new BlockingResultStream(ROW_TYPE).add(idBatch(0, 2));
    executor.answerWith(sql -> result);
    JsonNode submitted = json(api.submit("SELECT slow"));
    String infoUri = submitted.get("infoUri").asText();
    assertTrue(await(Duration.ofSeconds(5), () -> result.nextCalls() >= 2));

    HttpResponse<String> cancelled = api.delete(infoUri);

    assertEquals(200, cancelled.statusCode(), cancelled.body());
    JsonNode status = json(cancelled);
    assertEquals("CANCELLED", status.get("state").asText());
    assertEquals("QUERY_CANCELLED", status.get("error").get("code").asText());
    assertEquals("57014", status.get("error").get("sqlState").asText());
    assertFalse(status.has("nextUri"));
    assertTrue(await(Duration.ofSeconds(5), result::isClosed));
    // Its rows were dropped with it, and paging ends with the cancellation.
    JsonNode page = json(api.get(submitted.get("nextUri").asText()));
    assertEquals("CANCELLED", page.get("state").asText());
    assertFalse(page.has("data"));
    assertFalse(page.has("nextUri"));
    assertError(api.get(submitted.get("resultUri").asText()), 409, "QUERY_CANCELLED");
    // Cancelling again changes nothing.
    assertEquals(200, api.delete(infoUri).statusCode());

    executor.answerWith(sql -> new BlockingResultStream(ROW_TYPE).end());
    JsonNode done = json(api.submit("SELECT fast"));
    assertEquals("FINISHED", api.follow(done).state());
    assertError(api.delete(done.get("infoUri").asText()), 409, "QUERY_ALREADY_FINISHED");
    assertError(api.delete("/v1/statements/nope"), 404, "QUERY_NOT_FOUND");
    assertError(api.get("/v1/statements/nope"), 404, "QUERY_NOT_FOUND");
    assertError(api.get("/v1/statements/nope/result"), 404, "QUERY_NOT_FOUND");
  }

  @Test
  void rowsBeforeAFailureAreHandedOutThenTheError() {
    BlockingResultStream result = new BlockingResultStream(ROW_TYPE).add(idBatch(0, 2))
        .fail(new SalvoException(ErrorCode.DIVISION_BY_ZERO, "Division by zero"));
    executor.answerWith(sql -> result);

    ApiClient.QueryOutcome outcome = api.follow(json(api.submit("SELECT 1 / x")));

    assertEquals("FAILED", outcome.state());
    assertEquals(List.of(0L, 1L), ids(outcome.rows()));
    assertEquals("DIVISION_BY_ZERO", outcome.status().get("error").get("code").asText());
    assertEquals("22012", outcome.status().get("error").get("sqlState").asText());
    assertTrue(await(Duration.ofSeconds(5), result::isClosed));
  }

  @Test
  void badSqlIs400AndStaysVisibleAsAFailedQuery() {
    executor.answerWith(sql -> {
      throw new SalvoException(ErrorCode.SYNTAX_ERROR, "Encountered \"FORM\"", 1, 10, null);
    });

    HttpResponse<String> response = api.submit("SELECT * FORM t");

    assertError(response, 400, "SYNTAX_ERROR");
    JsonNode body = json(response);
    assertEquals("42601", body.get("error").get("sqlState").asText());
    assertEquals(1, body.get("error").get("line").asInt());
    assertEquals(10, body.get("error").get("column").asInt());
    JsonNode status = json(api.get("/v1/statements/" + body.get("id").asText()));
    assertEquals("FAILED", status.get("state").asText());
    assertEquals("SYNTAX_ERROR", status.get("error").get("code").asText());
    assertFalse(status.has("resultUri"));
    assertFalse(status.has("nextUri"));
    assertError(api.get("/v1/statements/" + body.get("id").asText() + "/result"), 400,
        "SYNTAX_ERROR");
  }

  @Test
  void requestErrors() {
    executor.answerWith(sql -> new BlockingResultStream(ROW_TYPE).end());
    String large = "SELECT '" + "x".repeat(MAX_REQUEST_BYTES) + "'";
    assertError(api.submit(large), 413, "INVALID_ARGUMENT");
    assertError(api.submit(""), 400, "INVALID_ARGUMENT");
    assertError(api.send(api.request("/v1/statements").header("Content-Type", "image/png")
        .POST(BodyPublishers.ofString("SELECT 1")).build()), 415, "NOT_SUPPORTED");
    JsonNode query = json(api.submit("SELECT 1"));
    String infoUri = query.get("infoUri").asText();
    assertError(api.get(infoUri + "?token=abc"), 400, "INVALID_ARGUMENT");
    assertError(api.get(infoUri + "?token=-1"), 400, "INVALID_ARGUMENT");
    assertError(api.get(infoUri + "?token=0&maxWait=1h"), 400, "INVALID_ARGUMENT");
    assertError(api.get(infoUri + "/result", "Accept", "image/png"), 406, "NOT_SUPPORTED");
    HttpResponse<String> put = api.send(api.request(infoUri)
        .PUT(BodyPublishers.ofString("x")).build());
    assertError(put, 405, "NOT_SUPPORTED");
    assertEquals("GET, DELETE", put.headers().firstValue("Allow").orElse(""));
    assertError(api.get("/v1/statements"), 405, "NOT_SUPPORTED");
    assertError(api.get("/v1/statements/" + query.get("id").asText() + "/nothing"), 404,
        "INVALID_ARGUMENT");
  }

  @Test
  void resultStreamsAsJsonCsvAndArrow() throws IOException {
    RowType rowType = RowType.of(new Column("id", DataType.BIGINT),
        new Column("label", DataType.VARCHAR), new Column("amount", DataType.decimal(10, 2)),
        new Column("day", DataType.DATE));
    executor.answerWith(sql -> new BlockingResultStream(rowType)
        .add(batch(rowType, List.of(Arrays.asList(1L, null),
            Arrays.asList("a, \"quoted\"", ""), Arrays.asList(new BigDecimal("12.50"), null),
            Arrays.asList(LocalDate.of(2024, 2, 29), null))))
        .add(batch(rowType, List.of(List.of(3L), List.of("line\nbreak"),
            List.of(new BigDecimal("-0.01")), List.of(LocalDate.of(1970, 1, 1)))))
        .end());

    JsonNode json = json(api.get(json(api.submit("SELECT json")).get("resultUri").asText()));
    assertEquals(3, json.get("data").size());
    assertEquals("a, \"quoted\"", json.get("data").get(0).get(1).asText());
    assertTrue(json.get("data").get(1).get(0).isNull());

    HttpResponse<String> csv = api.get(json(api.submit("SELECT csv")).get("resultUri").asText(),
        "Accept", "text/csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertEquals("id,label,amount,day\r\n"
        + "1,\"a, \"\"quoted\"\"\",12.50,2024-02-29\r\n"
        + ",\"\",,\r\n"
        + "3,\"line\nbreak\",-0.01,1970-01-01\r\n", csv.body());

    String resultUri = json(api.submit("SELECT arrow")).get("resultUri").asText();
    HttpResponse<InputStream> arrow = sendForStream(resultUri,
        "application/vnd.apache.arrow.stream");
    assertEquals(200, arrow.statusCode());
    assertEquals("application/vnd.apache.arrow.stream",
        arrow.headers().firstValue("Content-Type").orElse(""));
    List<List<Object>> rows = new ArrayList<>();
    try (InputStream body = arrow.body();
        BufferAllocator reading = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(body, reading)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(List.of("id", "label", "amount", "day"), root.getSchema().getFields()
          .stream().map(field -> field.getName()).toList());
      while (reader.loadNextBatch()) {
        for (int row = 0; row < root.getRowCount(); row++) {
          List<Object> values = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            values.add(VectorValues.get(vector, row));
          }
          rows.add(values);
        }
      }
    }
    assertEquals(List.of(
        List.of(1L, "a, \"quoted\"", new BigDecimal("12.50"), LocalDate.of(2024, 2, 29)),
        Arrays.asList(null, "", null, null),
        List.of(3L, "line\nbreak", new BigDecimal("-0.01"), LocalDate.of(1970, 1, 1))), rows);
  }

  @Test
  void oneReaderAtATime() throws IOException {
    BlockingResultStream result = new BlockingResultStream(ROW_TYPE).add(idBatch(0, 2));
    executor.answerWith(sql -> result);
    JsonNode query = json(api.submit("SELECT slowly"));
    HttpResponse<InputStream> streaming = sendForStream(query.get("resultUri").asText(),
        "application/json");
    assertEquals(200, streaming.statusCode());
    try (InputStream body = streaming.body()) {
      // The first rows arrive while the query still runs.
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[64];
      while (!received.toString().contains("row 1")) {
        int read = body.read(buffer);
        assertTrue(read > 0);
        received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
      }
      assertError(api.get(query.get("resultUri").asText()), 409, "INVALID_ARGUMENT");
      assertError(api.get(query.get("nextUri").asText()), 409, "INVALID_ARGUMENT");
      result.add(idBatch(2, 1)).end();
      received.append(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(3, ApiClient.JSON.readTree(received.toString()).get("data").size());
    }
    // Everything was read: the pages have nothing left either.
    JsonNode page = json(api.get(query.get("nextUri").asText()));
    assertEquals("FINISHED", page.get("state").asText());
    assertFalse(page.has("nextUri"));
  }

  @Test
  void synchronousStatementsAreQueriesToo() {
    executor.answerWith(sql -> new BlockingResultStream(ROW_TYPE).add(idBatch(0, 2)).end());

    HttpResponse<String> response = api.send(api.request("/v1/statement", "X-Salvo-User", "sync")
        .POST(BodyPublishers.ofString("SELECT sync")).build());

    assertEquals(200, response.statusCode());
    String id = response.headers().firstValue("X-Salvo-Query-Id").orElseThrow();
    JsonNode listed = json(api.get("/v1/queries?user=sync")).get("queries");
    assertEquals(1, listed.size());
    assertEquals(id, listed.get(0).get("id").asText());
    assertEquals("FINISHED", listed.get(0).get("state").asText());
    HttpResponse<String> csv = api.send(api.request("/v1/statement", "Accept", "text/csv")
        .POST(BodyPublishers.ofString("SELECT sync")).build());
    assertEquals("id,label\r\n0,row 0\r\n1,row 1\r\n", csv.body());
  }

  @Test
  void listsQueriesNewestFirstWithFilters() {
    BlockingResultStream running = new BlockingResultStream(ROW_TYPE);
    executor.answerWith(sql -> sql.equals("running") ? running
        : new BlockingResultStream(ROW_TYPE).end());
    String finished = api.follow(json(api.submit("finished"))).status().get("id").asText();
    String active = json(api.submit("running", "X-Salvo-User", "carol")).get("id").asText();

    JsonNode all = json(api.get("/v1/queries")).get("queries");
    assertEquals(List.of(active, finished),
        List.of(all.get(0).get("id").asText(), all.get(1).get("id").asText()));
    assertEquals("running", all.get(0).get("sql").asText());
    assertEquals("carol", all.get(0).get("user").asText());
    assertTrue(all.get(0).get("infoUri").asText().endsWith("/v1/statements/" + active));
    assertTrue(all.get(0).has("progress"));
    JsonNode runningOnly = json(api.get("/v1/queries?state=running,queued")).get("queries");
    assertEquals(1, runningOnly.size());
    assertEquals(active, runningOnly.get(0).get("id").asText());
    assertEquals(1, json(api.get("/v1/queries?state=FINISHED")).get("queries").size());
    assertEquals(0, json(api.get("/v1/queries?user=nobody")).get("queries").size());
    assertError(api.get("/v1/queries?state=sleeping"), 400, "INVALID_ARGUMENT");
    running.end();
  }

  @Test
  void metricsAreValidPrometheusText() {
    executor.answerWith(sql -> new BlockingResultStream(ROW_TYPE).add(idBatch(0, 1)).end());
    api.follow(json(api.submit("SELECT 1")));
    executor.answerWith(sql -> {
      throw new SalvoException(ErrorCode.SYNTAX_ERROR, "bad");
    });
    api.submit("SELEC 1");

    HttpResponse<String> response = api.get("/metrics");

    assertEquals(200, response.statusCode());
    assertEquals(MetricsEndpoint.CONTENT_TYPE,
        response.headers().firstValue("Content-Type").orElse(""));
    Map<String, Double> samples = PrometheusText.parse(response.body());
    assertEquals(1.0, samples.get("salvo_queries_ended_total{state=\"finished\"}"));
    assertEquals(1.0, samples.get("salvo_queries_ended_total{state=\"failed\"}"));
    assertEquals(0.0, samples.get("salvo_queries{state=\"running\"}"));
    assertEquals(0.0, samples.get("salvo_queries{state=\"queued\"}"));
    assertEquals(2.0, samples.get("salvo_queries_submitted_total"));
    assertEquals(2.0, samples.get("salvo_query_duration_seconds_count"));
    assertEquals(2.0, samples.get("salvo_query_duration_seconds_bucket{le=\"+Inf\"}"));
    assertEquals(0.0, samples.get("salvo_udf_calls_total"));
    assertEquals(0.0, samples.get("salvo_udf_call_errors_total"));
    assertEquals(0.0, samples.get("salvo_udf_calls_in_flight"));
    assertTrue(samples.containsKey("salvo_memory_allocated_bytes"));
    assertEquals((double) (1L << 30), samples.get("salvo_memory_max_bytes"));
  }

  @Test
  void openApiDescribesExactlyTheRoutesServed() {
    HttpResponse<String> response = api.get("/v1/openapi.json");

    assertEquals(200, response.statusCode());
    JsonNode document = json(response);
    assertTrue(document.get("openapi").asText().startsWith("3."));
    List<String> documented = new ArrayList<>();
    document.get("paths").properties().forEach(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> {
          if (!method.equals("parameters")) {
            documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
          }
        }));
    assertEquals(server.routes().stream().sorted().toList(),
        documented.stream().sorted().toList());
    // Every reference resolves.
    document.findValues("$ref").forEach(ref -> {
      String[] parts = ref.asText().substring(2).split("/");
      JsonNode target = document;
      for (String part : parts) {
        target = target.get(part);
        assertNotNull(target, "Unresolved " + ref.asText());
      }
    });
  }

  @Test
  void healthCountsQueries() {
    BlockingResultStream running = new BlockingResultStream(ROW_TYPE);
    executor.answerWith(sql -> running);
    api.submit("SELECT forever");

    JsonNode health = json(api.get("/v1/health"));

    assertEquals("ok", health.get("status").asText());
    assertEquals(1, health.get("runningQueries").asInt());
    assertEquals(0, health.get("queuedQueries").asInt());
  }

  // --------------------------------------------------------------------------------- helpers

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<InputStream> sendForStream(String uri, String accept) {
    try {
      return api.http().send(api.request(uri, "Accept", accept).GET().build(),
          BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals(code, json(response).get("error").get("code").asText(), response.body());
  }

  private static List<Long> ids(JsonNode page) {
    List<JsonNode> rows = new ArrayList<>();
    page.get("data").forEach(rows::add);
    return ids(rows);
  }

  private static List<Long> ids(List<JsonNode> rows) {
    return rows.stream().map(row -> row.get(0).asLong()).toList();
  }

  private Batch idBatch(long first, int rows) {
    List<Long> ids = LongStream.range(first, first + rows).boxed().toList();
    return batch(ROW_TYPE, List.of(ids, ids.stream().map(id -> "row " + id).toList()));
  }

  private Batch batch(RowType rowType, List<? extends List<?>> columns) {
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < rowType.size(); i++) {
      vectors.add(VectorValues.vectorOf(rowType.column(i).name(), rowType.type(i),
          columns.get(i), allocator));
    }
    return Batch.of(vectors, columns.get(0).size());
  }
}
