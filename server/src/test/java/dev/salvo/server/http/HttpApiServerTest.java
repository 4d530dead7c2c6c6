package dev.salvo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.ServerVersion;
import dev.salvo.server.query.FakeResultStream;
import dev.salvo.server.query.FakeStatementExecutor;
import dev.salvo.server.query.QueryManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HttpApiServerTest {
  private static final int MAX_REQUEST_BYTES = 1024;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  // One server for the class: stopping one waits for idle keep-alive connections to time out.
  private static final FakeStatementExecutor executor = new FakeStatementExecutor();
  private static final HttpClient client = HttpClient.newHttpClient();
  private static HttpApiServer server;
  private static QueryManager manager;
  private BufferAllocator allocator;

  @BeforeAll
  static void startServer() {
    manager = new QueryManager(executor, QueryManager.Settings.of(4, 4, 1 << 20, 0,
        Duration.ofMinutes(1), Duration.ofMinutes(1), 100), new JsonPageEncoder());
    server = new HttpApiServer("127.0.0.1", 0, MAX_REQUEST_BYTES, manager, 1L << 30);
    server.start();
  }

  @AfterAll
  static void stopServer() {
    manager.shutDown();
    server.stop();
  }

  @BeforeEach
  void createAllocator() {
    allocator = new RootAllocator();
    executor.reset();
  }

  @AfterEach
  void closeAllocator() {
    // Fails the test if the server leaked any batch's buffers: the client has read every
    // response in full, and the server releases a result before sending its last bytes.
    allocator.close();
  }

  @Test
  void writesColumnsAndEveryTypeAsJson() throws Exception {
    RowType rowType = RowType.of(
        new Column("b", DataType.BOOLEAN), new Column("ti", DataType.TINYINT),
        new Column("si", DataType.SMALLINT), new Column("i", DataType.INTEGER),
        new Column("bi", DataType.BIGINT), new Column("r", DataType.REAL),
        new Column("d", DataType.DOUBLE), new Column("dec", DataType.decimal(22, 2)),
        new Column("tinydec", DataType.decimal(12, 10)), new Column("s", DataType.VARCHAR),
        new Column("vb", DataType.VARBINARY), new Column("dt", DataType.DATE),
        new Column("t", DataType.TIME), new Column("ts", DataType.TIMESTAMP),
        new Column("ym", DataType.INTERVAL_YEAR_MONTH),
        new Column("dts", DataType.INTERVAL_DAY_TIME), new Column("n", DataType.NULL));
    List<List<?>> columns = List.of(
        Arrays.asList(true, null), Arrays.asList(-128L, null), Arrays.asList(-32768L, null),
        Arrays.asList(2147483647L, null), Arrays.asList(Long.MAX_VALUE, null),
        Arrays.asList(0.1f, null), Arrays.asList(2.5d, null),
        Arrays.asList(new BigDecimal("12345678901234567890.12"), null),
        Arrays.asList(new BigDecimal("0.0000000100"), null),
        Arrays.asList("h\u00e9llo \"quoted\"\n", null), Arrays.asList(new byte[] {1, 2, 3}, null),
        Arrays.asList(LocalDate.of(2024, 2, 29), null),
        Arrays.asList(LocalTime.of(13, 45), null),
        Arrays.asList(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), null),
        Arrays.asList(14L, null), Arrays.asList(90_061_001L, null), Arrays.asList(null, null));
    executor.answerWith(sql -> stream(rowType, () -> batch(rowType, columns)));

    HttpResponse<String> response = post("SELECT everything", "text/plain");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = JSON.readTree(response.body());
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    body.get("columns").forEach(column -> {
      names.add(column.get("name").asText());
      types.add(column.get("type").asText());
    });
    assertEquals(List.of("b", "ti", "si", "i", "bi", "r", "d", "dec", "tinydec", "s", "vb", "dt",
        "t", "ts", "ym", "dts", "n"), names);
    assertEquals(List.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE",
        "DECIMAL(22, 2)", "DECIMAL(12, 10)", "VARCHAR", "VARBINARY", "DATE", "TIME",
        "TIMESTAMP", "INTERVAL YEAR TO MONTH", "INTERVAL DAY TO SECOND", "NULL"), types);

    JsonNode values = body.get("data").get(0);
    assertTrue(values.get(0).isBoolean() && values.get(0).booleanValue());
    assertEquals(-128, values.get(1).intValue());
    assertEquals(-32768, values.get(2).intValue());
    assertEquals(2147483647, values.get(3).intValue());
    assertTrue(values.get(4).isIntegralNumber());
    assertEquals(Long.MAX_VALUE, values.get(4).longValue());
    assertEquals(new BigDecimal("0.1"), values.get(5).decimalValue());
    assertEquals(new BigDecimal("2.5"), values.get(6).decimalValue());
    assertEquals(new BigDecimal("12345678901234567890.12"), values.get(7).decimalValue());
    // Plain notation: the digits as computed, not 1.00E-8.
    assertTrue(response.body().contains("0.0000000100"), response.body());
    assertEquals("h\u00e9llo \"quoted\"\n", values.get(9).textValue());
    assertEquals("AQID", values.get(10).textValue());
    assertEquals("2024-02-29", values.get(11).textValue());
    assertEquals("13:45:00", values.get(12).textValue());
    assertEquals("2024-02-29T13:45:30.123456", values.get(13).textValue());
    assertTrue(values.get(14).isIntegralNumber());
    assertEquals(14, values.get(14).intValue());
    assertEquals(90_061_001L, values.get(15).longValue());
    assertTrue(values.get(16).isNull());

    JsonNode nulls = body.get("data").get(1);
    assertEquals(rowType.size(), nulls.size());
    nulls.forEach(value -> assertTrue(value.isNull(), nulls.toString()));
    assertEquals(2, body.get("data").size());
    assertFalse(body.has("error"));
  }

  @Test
  void writesArraysAsJsonArraysAndRowsAsJsonObjects() throws Exception {
    DataType point = DataType.row(List.of(new Column("x", DataType.INTEGER),
        new Column("label", DataType.VARCHAR)));
    RowType rowType = RowType.of(new Column("tags", DataType.array(DataType.VARCHAR)),
        new Column("p", point),
        new Column("grid", DataType.array(DataType.array(DataType.decimal(5, 2)))));
    List<List<?>> columns = List.of(
        Arrays.asList(Arrays.asList("a", null), null),
        Arrays.asList(Arrays.asList(1L, "one, \"1\""), Arrays.asList(null, null)),
        Arrays.asList(List.of(List.of(new BigDecimal("1.50")), List.of()), null));
    executor.answerWith(sql -> stream(rowType, () -> batch(rowType, columns)));

    String text = post("SELECT nested", "text/plain").body();
    JsonNode body = JSON.readTree(text);

    List<String> types = new ArrayList<>();
    body.get("columns").forEach(column -> types.add(column.get("type").asText()));
    assertEquals(List.of("VARCHAR ARRAY", "ROW(x INTEGER, label VARCHAR)",
        "DECIMAL(5, 2) ARRAY ARRAY"), types);
    assertEquals(JSON.readTree("[[\"a\",null],{\"x\":1,\"label\":\"one, \\\"1\\\"\"},[[1.50],[]]]"),
        body.get("data").get(0));
    assertEquals(JSON.readTree("[null,{\"x\":null,\"label\":null},null]"),
        body.get("data").get(1));
    assertTrue(text.contains("[[1.50],[]]"), "DECIMAL keeps its digits in arrays: " + text);

    HttpResponse<String> csv = send(HttpRequest.newBuilder(uri("/v1/statement"))
        .header("Content-Type", "text/plain").header("Accept", "text/csv")
        .POST(BodyPublishers.ofString("SELECT nested")).build());
    assertEquals("tags,p,grid\r\n"
        + "\"[\"\"a\"\",null]\",\"{\"\"x\"\":1,\"\"label\"\":\"\"one, \\\"\"1\\\"\"\"\"}\","
        + "\"[[1.50],[]]\"\r\n"
        + ",\"{\"\"x\"\":null,\"\"label\"\":null}\",\r\n", csv.body());
  }

  @Test
  void writesSpecialDoublesAsStrings() throws Exception {
    RowType rowType = RowType.of(new Column("d", DataType.DOUBLE));
    executor.answerWith(sql -> stream(rowType, () -> batch(rowType,
        List.of(List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0)))));

    JsonNode data = JSON.readTree(post("SELECT d", "text/plain").body()).get("data");

    assertEquals("NaN", data.get(0).get(0).textValue());
    assertEquals("Infinity", data.get(1).get(0).textValue());
    assertTrue(data.get(2).get(0).isNumber());
  }

  @Test
  void streamsAResultOfManyBatchesInOrder() throws Exception {
    RowType rowType = RowType.of(new Column("id", DataType.BIGINT),
        new Column("label", DataType.VARCHAR));
    int batches = 5;
    int rowsPerBatch = 1000;
    List<Supplier<Batch>> steps = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      long first = (long) b * rowsPerBatch;
      steps.add(() -> idBatch(rowType, first, rowsPerBatch));
    }
    FakeResultStream result = new FakeResultStream(rowType, steps);
    executor.answerWith(sql -> result);

    HttpResponse<String> response = post("SELECT id", "text/plain");

    assertEquals(200, response.statusCode());
    JsonNode data = JSON.readTree(response.body()).get("data");
    assertEquals(batches * rowsPerBatch, data.size());
    for (int row = 0; row < data.size(); row++) {
      assertEquals(row, data.get(row).get(0).longValue());
      assertEquals("row " + row, data.get(row).get(1).textValue());
    }
    assertTrue(result.isClosed());
  }

  @Test
  @Timeout(60)
  void sendsEachBatchBeforeTheNextOneIsProduced() throws Exception {
    RowType rowType = RowType.of(new Column("id", DataType.BIGINT),
        new Column("label", DataType.VARCHAR));
    CountDownLatch clientSawFirstBatch = new CountDownLatch(1);
    executor.answerWith(sql -> stream(rowType,
        () -> idBatch(rowType, 0, 3),
        () -> {
          // The second batch exists only once the client has read the first: a server that
          // buffered the whole result would never get here, and the test would time out.
          awaitUninterruptibly(clientSawFirstBatch);
          return idBatch(rowType, 3, 3);
        }));

    HttpResponse<InputStream> response = client.send(statementRequest(
        BodyPublishers.ofString("SELECT id"), "text/plain"), BodyHandlers.ofInputStream());

    assertEquals(200, response.statusCode());
    try (InputStream body = response.body()) {
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[256];
      while (!received.toString().contains("row 2")) {
        int read = body.read(buffer);
        assertTrue(read > 0, "The body ended before the first batch: " + received);
        received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
      }
      assertFalse(received.toString().contains("row 3"));
      clientSawFirstBatch.countDown();
      received.append(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      JsonNode data = JSON.readTree(received.toString()).get("data");
      assertEquals(6, data.size());
      assertEquals("row 5", data.get(5).get(1).textValue());
    }
  }

  @Test
  void emptyResultHasColumnsAndNoRows() throws Exception {
    RowType rowType = RowType.of(new Column("x", DataType.INTEGER));
    executor.answerWith(sql -> stream(rowType));

    HttpResponse<String> response = post("SELECT x WHERE FALSE", "application/sql");

    assertEquals(200, response.statusCode());
    assertEquals("{\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}],\"data\":[]}",
        response.body());
  }

  @Test
  void acceptsTheSqlAsAJsonObject() throws Exception {
    RowType rowType = RowType.of(new Column("x", DataType.INTEGER));
    executor.answerWith(sql -> stream(rowType));

    HttpResponse<String> response =
        post("{\"sql\": \"SELECT 1\\nFROM t\"}", "application/json; charset=utf-8");

    assertEquals(200, response.statusCode());
    assertEquals(List.of("SELECT 1\nFROM t"), executor.statements());
  }

  @Test
  void sessionPropertiesComeFromTheHeaderAndTheJsonBody() throws Exception {
    executor.answerWith(sql -> stream(RowType.of()));

    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/statement"))
        .header("Content-Type", "application/json")
        .header("X-Salvo-Session", "batch_size=100, parallelism=1")
        .POST(BodyPublishers.ofString("{\"sql\": \"SELECT 1\","
            + " \"session\": {\"batch_size\": 50, \"query_max_memory\": \"512MB\"}}"))
        .build());

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of(Map.of("batch_size", "50", "parallelism", "1",
        "query_max_memory", "512MB")), executor.sessions());
  }

  @Test
  void aStatementWithoutSessionPropertiesOpensNoSession() throws Exception {
    executor.answerWith(sql -> stream(RowType.of()));

    assertEquals(200, post("SELECT 1", "text/plain").statusCode());
    assertEquals(List.of(), executor.sessions());
  }

  @Test
  void malformedSessionPropertiesGet400() throws Exception {
    executor.answerWith(sql -> stream(RowType.of()));

    // Rejected one after another on one kept-alive connection: each rejection must leave the
    // connection able to carry the next request.
    for (int i = 0; i < 20; i++) {
      assertError(send(HttpRequest.newBuilder(uri("/v1/statement"))
          .header("X-Salvo-Session", "batch_size")
          .POST(BodyPublishers.ofString("SELECT 1")).build()), 400, "INVALID_ARGUMENT");
      assertError(post("{\"sql\": \"SELECT 1\", \"session\": [1]}", "application/json"), 400,
          "INVALID_ARGUMENT");
    }
    assertEquals(List.of(), executor.statements());
  }

  @Test
  void warningsBecomeAMemberOfTheResult() throws Exception {
    RowType rowType = RowType.of(new Column("x", DataType.INTEGER));
    executor.answerWith(sql -> stream(rowType).withWarnings(List.of("Unknown hint FOO was"
        + " ignored")));

    HttpResponse<String> response = post("SELECT /*+ FOO */ x", "application/sql");

    assertEquals(200, response.statusCode());
    assertEquals("{\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}],\"data\":[],"
        + "\"warnings\":[\"Unknown hint FOO was ignored\"]}", response.body());
  }

  @Test
  void acceptsWhatCurlSendsByDefault() throws Exception {
    executor.answerWith(sql -> stream(RowType.of()));

    assertEquals(200, post("SELECT 'a=b&c'", "application/x-www-form-urlencoded").statusCode());
    assertEquals(200, send(HttpRequest.newBuilder(uri("/v1/statement"))
        .POST(BodyPublishers.ofString("SELECT 2")).build()).statusCode());
    assertEquals(List.of("SELECT 'a=b&c'", "SELECT 2"), executor.statements());
  }

  @Test
  void syntaxErrorGets400WithLineAndColumn() throws Exception {
    executor.answerWith(sql -> {
      throw new SalvoException(ErrorCode.SYNTAX_ERROR,
          "Encountered \"FORM\" at line 1, column 8", 1, 8, null);
    });

    HttpResponse<String> response = post("SELECT FORM t", "text/plain");

    assertEquals(400, response.statusCode());
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertEquals("SYNTAX_ERROR", error.get("code").textValue());
    assertEquals("42601", error.get("sqlState").textValue());
    assertEquals("Encountered \"FORM\" at line 1, column 8", error.get("message").textValue());
    assertEquals(1, error.get("line").intValue());
    assertEquals(8, error.get("column").intValue());
  }

  @Test
  void errorWithoutPositionHasNoLineOrColumn() throws Exception {
    executor.answerWith(sql -> {
      throw new SalvoException(ErrorCode.TABLE_NOT_FOUND, "Table 'nope' not found");
    });

    JsonNode error = JSON.readTree(post("SELECT * FROM nope", "text/plain").body())
        .get("error");

    assertEquals("TABLE_NOT_FOUND", error.get("code").textValue());
    assertFalse(error.has("line"));
    assertFalse(error.has("column"));
  }

  @Test
  void errorInTheFirstBatchStillGetsAnErrorStatus() throws Exception {
    RowType rowType = RowType.of(new Column("x", DataType.INTEGER));
    FakeResultStream result = new FakeResultStream(rowType, List.of(() -> {
      throw new SalvoException(ErrorCode.DIVISION_BY_ZERO, "Division by zero");
    }));
    executor.answerWith(sql -> result);

    HttpResponse<String> response = post("SELECT 1 / 0", "text/plain");

    assertEquals(400, response.statusCode());
    assertEquals("DIVISION_BY_ZERO",
        JSON.readTree(response.body()).get("error").get("code").textValue());
    assertTrue(result.isClosed());
  }

  @Test
  void errorAfterStreamingBeganEndsTheDocumentWithAnErrorMember() throws Exception {
    RowType rowType = RowType.of(new Column("id", DataType.BIGINT),
        new Column("label", DataType.VARCHAR));
    FakeResultStream result = new FakeResultStream(rowType, List.of(
        () -> idBatch(rowType, 0, 2),
        () -> {
          throw new SalvoException(ErrorCode.NUMERIC_OVERFLOW, "BIGINT overflow");
        }));
    executor.answerWith(sql -> result);

    HttpResponse<String> response = post("SELECT id", "text/plain");

    assertEquals(200, response.statusCode());
    JsonNode body = JSON.readTree(response.body());
    assertEquals(2, body.get("data").size());
    assertEquals("NUMERIC_OVERFLOW", body.get("error").get("code").textValue());
    assertEquals("22003", body.get("error").get("sqlState").textValue());
    assertTrue(result.isClosed());
  }

  @Test
  void internalErrorGets500WithoutStackTraceAndServerKeepsServing() throws Exception {
    executor.answerWith(sql -> {
      throw new IllegalStateException("planner bug");
    });

    HttpResponse<String> failed = post("SELECT 1", "text/plain");

    assertEquals(500, failed.statusCode());
    JsonNode error = JSON.readTree(failed.body()).get("error");
    assertEquals("INTERNAL_ERROR", error.get("code").textValue());
    assertEquals("XX000", error.get("sqlState").textValue());
    assertFalse(failed.body().contains("\tat "), failed.body());
    assertFalse(failed.body().contains("dev.salvo"), failed.body());

    RowType rowType = RowType.of(new Column("x", DataType.INTEGER));
    executor.answerWith(sql -> stream(rowType,
        () -> batch(rowType, List.of(List.of(1L)))));
    HttpResponse<String> next = post("SELECT 1", "text/plain");
    assertEquals(200, next.statusCode());
    assertEquals(1, JSON.readTree(next.body()).get("data").get(0).get(0).intValue());
  }

  @Test
  void memoryLimitGets503() throws Exception {
    executor.answerWith(sql -> {
      throw new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "Query exceeded 64MB");
    });

    HttpResponse<String> response = post("SELECT big", "text/plain");

    assertEquals(503, response.statusCode());
    assertEquals("MEMORY_LIMIT_EXCEEDED",
        JSON.readTree(response.body()).get("error").get("code").textValue());
  }

  @Test
  void aDefinitionNoResourceCanEverSatisfyGets400() throws Exception {
    executor.answerWith(sql -> {
      throw new SalvoException(ErrorCode.INSUFFICIENT_RESOURCES,
          "Function f needs 4.0 GPU(s) per instance but the server has 0", 1, 60, null);
    });

    HttpResponse<String> response = post("CREATE FUNCTION f ...", "text/plain");

    assertEquals(400, response.statusCode());
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertEquals("INSUFFICIENT_RESOURCES", error.get("code").textValue());
    assertEquals("53000", error.get("sqlState").textValue());
    assertEquals(60, error.get("column").intValue());
  }

  @Test
  void bodyOverTheLimitGets413() throws Exception {
    String large = "SELECT '" + "x".repeat(MAX_REQUEST_BYTES) + "'";

    HttpResponse<String> declared = post(large, "text/plain");
    assertEquals(413, declared.statusCode());
    assertTrue(JSON.readTree(declared.body()).get("error").get("message").textValue()
        .contains("http.max-request-bytes"));

    // Without a Content-Length the limit is enforced while reading.
    byte[] bytes = large.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> chunked = send(statementRequest(
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), "text/plain"));
    assertEquals(413, chunked.statusCode());
    assertTrue(executor.statements().isEmpty());
  }

  @Test
  void bodyAtTheLimitIsAccepted() throws Exception {
    executor.answerWith(sql -> stream(RowType.of()));
    String sql = "SELECT '" + "x".repeat(MAX_REQUEST_BYTES - 9) + "'";
    assertEquals(MAX_REQUEST_BYTES, sql.length());

    assertEquals(200, post(sql, "text/plain").statusCode());
  }

  @Test
  void badRequestsGet400() throws Exception {
    assertError(post("", "text/plain"), 400, "INVALID_ARGUMENT");
    assertError(post("   \n", "text/plain"), 400, "INVALID_ARGUMENT");
    assertError(post("{\"sql\": ", "application/json"), 400, "INVALID_ARGUMENT");
    assertError(post("{\"query\": \"SELECT 1\"}", "application/json"), 400, "INVALID_ARGUMENT");
    assertError(post("[\"SELECT 1\"]", "application/json"), 400, "INVALID_ARGUMENT");
    assertTrue(executor.statements().isEmpty());
  }

  @Test
  void unsupportedContentTypeGets415() throws Exception {
    assertError(post("SELECT 1", "image/png"), 415, "NOT_SUPPORTED");
    assertError(post("SELECT 1", "text/plain; charset=no-such-charset"), 415, "NOT_SUPPORTED");
    assertTrue(executor.statements().isEmpty());
  }

  @Test
  void unknownPathGets404() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/nothing")).build());
    assertError(response, 404, "INVALID_ARGUMENT");
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertError(send(HttpRequest.newBuilder(uri("/")).build()), 404, "INVALID_ARGUMENT");
  }

  @Test
  void wrongMethodGets405WithAllowHeader() throws Exception {
    HttpResponse<String> getStatement =
        send(HttpRequest.newBuilder(uri("/v1/statement")).GET().build());
    assertError(getStatement, 405, "NOT_SUPPORTED");
    assertEquals("POST", getStatement.headers().firstValue("Allow").orElse(""));

    HttpResponse<String> postHealth = send(HttpRequest.newBuilder(uri("/v1/health"))
        .POST(BodyPublishers.ofString("x")).build());
    assertError(postHealth, 405, "NOT_SUPPORTED");
    assertEquals("GET", postHealth.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void malformedRequestGetsAJsonErrorFromJetty() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.getOutputStream().write(
          "GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 400"), response);
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      assertEquals("INVALID_ARGUMENT", JSON.readTree(body).get("error").get("code").textValue());
    }
  }

  @Test
  void healthReportsStatusVersionAndUptime() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/health")).build());

    assertEquals(200, response.statusCode());
    JsonNode health = JSON.readTree(response.body());
    assertEquals("ok", health.get("status").textValue());
    assertEquals(ServerVersion.current(), health.get("version").textValue());
    assertTrue(health.get("uptimeSeconds").isIntegralNumber());
    assertTrue(health.get("uptimeSeconds").longValue() >= 0);
  }

  @Test
  void reportsTheAddressItListensOn() {
    assertTrue(server.port() > 0);
    assertEquals(URI.create("http://127.0.0.1:" + server.port()), server.uri());
  }

  private static void assertError(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(code, JSON.readTree(response.body()).get("error").get("code").textValue());
  }

  private HttpResponse<String> post(String body, String contentType)
      throws IOException, InterruptedException {
    return send(statementRequest(BodyPublishers.ofString(body), contentType));
  }

  private HttpRequest statementRequest(BodyPublisher body, String contentType) {
    return HttpRequest.newBuilder(uri("/v1/statement"))
        .header("Content-Type", contentType)
        .POST(body)
        .build();
  }

  private HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return client.send(request, BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return server.uri().resolve(path);
  }

  @SafeVarargs
  private static FakeResultStream stream(RowType rowType, Supplier<Batch>... batches) {
    List<Supplier<Batch>> steps = new ArrayList<>();
    for (Supplier<Batch> batch : batches) {
      steps.add(batch);
    }
    return new FakeResultStream(rowType, steps);
  }

  /** A batch of {@code rowType} whose column {@code i} holds {@code columns.get(i)}. */
  private Batch batch(RowType rowType, List<? extends List<?>> columns) {
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < rowType.size(); i++) {
      vectors.add(VectorValues.vectorOf(rowType.column(i).name(), rowType.type(i),
          columns.get(i), allocator));
    }
    return Batch.of(vectors, columns.get(0).size());
  }

  private Batch idBatch(RowType rowType, long first, int rows) {
    List<Long> ids = LongStream.range(first, first + rows).boxed().toList();
    List<String> labels = ids.stream().map(id -> "row " + id).toList();
    return batch(rowType, List.of(ids, labels));
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
