package dev.salvo.server.http;

import static dev.salvo.server.http.ApiClient.await;
import static dev.salvo.server.http.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.BlockingResultStream;
import dev.salvo.server.query.FakeStatementExecutor;
import dev.salvo.server.query.QueryManager;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configured limits: running and queued queries, result buffering and size, how long
 * abandoned queries and unread results live, how many ended queries are remembered.
 */
@Timeout(60)
class QueryLimitsTest {
  private static final RowType ROW_TYPE = RowType.of(new Column("id", DataType.BIGINT));

  private final FakeStatementExecutor executor = new FakeStatementExecutor();
  private final Map<String, BlockingResultStream> streams = new ConcurrentHashMap<>();
  private BufferAllocator allocator;
  private QueryManager manager;
  private HttpApiServer server;
  private ApiClient api;

  @BeforeEach
  void createAllocator() {
    allocator = new RootAllocator();
    executor.answerWith(sql -> streams.computeIfAbsent(sql,
        key -> new BlockingResultStream(ROW_TYPE)));
  }

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.shutDown();
      server.stop();
    }
    allocator.close();
  }

  private void start(QueryManager.Settings settings) {
    manager = new QueryManager(executor, settings, new JsonPageEncoder());
    server = new HttpApiServer("127.0.0.1", 0, 1 << 20, manager, 1L << 30);
    server.start();
    api = new ApiClient(server.uri());
  }

  private static QueryManager.Settings limits(int running, int queued) {
    return QueryManager.Settings.of(running, queued, 1 << 20, 0, Duration.ofMinutes(1),
        Duration.ofMinutes(1), 100);
  }

  @Test
  void queriesOverTheRunningLimitQueueAndBeyondTheQueueAreRefused() {
    start(limits(1, 1));

    JsonNode first = json(api.submit("first"));
    JsonNode second = json(api.submit("second"));
    HttpResponse<String> third = api.submit("third");

    assertEquals("RUNNING", first.get("state").asText());
    assertEquals("QUEUED", second.get("state").asText());
    assertEquals(429, third.statusCode(), third.body());
    assertEquals("TOO_MANY_QUERIES", json(third).get("error").get("code").asText());
    assertEquals("53300", json(third).get("error").get("sqlState").asText());
    assertEquals("1", third.headers().firstValue("Retry-After").orElse(""));
    // The synchronous endpoint counts too.
    assertEquals(429, api.send(api.request("/v1/statement")
        .POST(BodyPublishers.ofString("fourth")).build()).statusCode());
    JsonNode queued = json(api.get("/v1/queries?state=QUEUED")).get("queries");
    assertEquals(1, queued.size());
    assertEquals(second.get("id"), queued.get(0).get("id"));
    JsonNode waiting = json(api.get(second.get("nextUri").asText() + "&maxWait=20ms"));
    assertEquals("QUEUED", waiting.get("state").asText());
    assertTrue(waiting.get("progress").get("percent").isNull());

    // When the running one ends the queued one starts, and there is room for another.
    streams.get("first").add(idBatch(0, 1)).end();
    assertEquals("FINISHED", api.follow(first).state());
    assertTrue(await(Duration.ofSeconds(5), () -> "RUNNING".equals(
        json(api.get(second.get("infoUri").asText())).get("state").asText())));
    assertEquals(201, api.submit("fifth").statusCode());
    streams.get("second").end();
    assertEquals("FINISHED", api.follow(second).state());
    JsonNode status = json(api.get(second.get("infoUri").asText()));
    assertTrue(status.get("progress").get("queuedMillis").asLong() >= 0);

    String metrics = api.get("/metrics").body();
    assertEquals(2.0, PrometheusText.parse(metrics)
        .get("salvo_queries_rejected_total"));
  }

  @Test
  void cancellingAQueuedQueryFreesItsPlace() {
    start(limits(1, 1));
    json(api.submit("first"));
    JsonNode second = json(api.submit("second"));

    JsonNode cancelled = json(api.delete(second.get("infoUri").asText()));

    assertEquals("CANCELLED", cancelled.get("state").asText());
    assertEquals(201, api.submit("third").statusCode());
    streams.get("first").end();
    assertTrue(await(Duration.ofSeconds(5), () -> streams.containsKey("third")
        && streams.get("third").nextCalls() > 0));
    // The cancelled one never started.
    assertEquals(0, streams.get("second").nextCalls());
  }

  @Test
  void shuttingDownRefusesNewQueriesWith503AndCancelsTheOthers() {
    start(limits(1, 1));
    JsonNode running = json(api.submit("running"));
    JsonNode queued = json(api.submit("queued"));

    manager.shutDown();

    HttpResponse<String> refused = api.submit("late");
    assertEquals(503, refused.statusCode());
    assertEquals("QUERY_CANCELLED", json(refused).get("error").get("code").asText());
    assertEquals("CANCELLED", json(api.get(running.get("infoUri").asText()))
        .get("state").asText());
    assertEquals("CANCELLED", json(api.get(queued.get("infoUri").asText()))
        .get("state").asText());
    assertTrue(streams.get("running").isClosed());
  }

  @Test
  void aQueryNoClientAsksAboutIsCancelled() {
    start(QueryManager.Settings.of(2, 2, 1 << 20, 0, Duration.ofMinutes(1),
        Duration.ofMillis(300), 100));
    JsonNode watched = json(api.submit("watched"));
    JsonNode abandoned = json(api.submit("abandoned"));

    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < deadline) {
      assertEquals("RUNNING", json(api.get(watched.get("infoUri").asText()))
          .get("state").asText());
      sleep(50);
    }

    assertTrue(streams.get("abandoned").isClosed());
    JsonNode status = json(api.get(abandoned.get("infoUri").asText()));
    assertEquals("CANCELLED", status.get("state").asText());
    assertTrue(status.get("error").get("message").asText().contains("abandoned"),
        status.toString());
    assertFalse(streams.get("watched").isCancelled());
  }

  @Test
  void unreadResultsExpireAndReleaseTheirMemory() {
    start(QueryManager.Settings.of(2, 2, 1 << 20, 0, Duration.ofMillis(300),
        Duration.ofMinutes(1), 100));
    streams.put("done", new BlockingResultStream(ROW_TYPE).add(idBatch(0, 10)).end());
    JsonNode query = json(api.submit("done"));
    assertTrue(await(Duration.ofSeconds(5), () -> "FINISHED".equals(
        json(api.get(query.get("infoUri").asText())).get("state").asText())));
    assertTrue(allocator.getAllocatedMemory() > 0);

    assertTrue(await(Duration.ofSeconds(5), () -> allocator.getAllocatedMemory() == 0));

    assertTrue(streams.get("done").isClosed());
    HttpResponse<String> page = api.get(query.get("nextUri").asText());
    assertEquals(410, page.statusCode(), page.body());
    assertEquals("QUERY_RESULTS_EXPIRED", json(page).get("error").get("code").asText());
    assertEquals(410, api.get(query.get("resultUri").asText()).statusCode());
    JsonNode status = json(api.get(query.get("infoUri").asText()));
    assertEquals("FINISHED", status.get("state").asText());
    assertTrue(status.get("resultsExpired").asBoolean());
    assertFalse(status.has("nextUri"));
  }

  @Test
  void aSlowClientPausesTheQueryInsteadOfBufferingEverything() {
    // A buffer of about one batch: the pump waits for the client after that.
    start(QueryManager.Settings.of(2, 2, 1, 0, Duration.ofMinutes(1), Duration.ofMinutes(1),
        100));
    BlockingResultStream stream = new BlockingResultStream(ROW_TYPE);
    for (int i = 0; i < 10; i++) {
      stream.add(idBatch(i * 10, 10));
    }
    streams.put("big", stream.end());
    JsonNode query = json(api.submit("big"));

    assertTrue(await(Duration.ofSeconds(5), () -> stream.nextCalls() >= 1));
    sleep(200);
    assertEquals(1, stream.nextCalls(), "The pump read on although the buffer was full");

    List<JsonNode> rows = api.follow(query).rows();
    assertEquals(100, rows.size());
    assertEquals(99, rows.get(99).get(0).asLong());
  }

  @Test
  void aResultOverTheSizeLimitFailsTheQuery() {
    start(QueryManager.Settings.of(2, 2, 1 << 20, 100, Duration.ofMinutes(1),
        Duration.ofMinutes(1), 100));
    streams.put("small", new BlockingResultStream(ROW_TYPE).add(idBatch(0, 1)).end());
    streams.put("large", new BlockingResultStream(ROW_TYPE).add(idBatch(0, 1000)).end());
    streams.put("large sync", new BlockingResultStream(ROW_TYPE).add(idBatch(0, 1000)).end());

    assertEquals("FINISHED", api.follow(json(api.submit("small"))).state());
    ApiClient.QueryOutcome large = api.follow(json(api.submit("large")));
    assertEquals("FAILED", large.state());
    assertEquals("RESULT_TOO_LARGE", large.status().get("error").get("code").asText());
    HttpResponse<String> sync = api.send(api.request("/v1/statement")
        .POST(BodyPublishers.ofString("large sync")).build());
    assertEquals(400, sync.statusCode(), sync.body());
    assertTrue(await(Duration.ofSeconds(5), () -> allocator.getAllocatedMemory() == 0));
  }

  @Test
  void onlyTheNewestEndedQueriesAreRemembered() {
    start(QueryManager.Settings.of(2, 2, 1 << 20, 0, Duration.ofMinutes(1),
        Duration.ofMinutes(1), 3));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      streams.put("q" + i, new BlockingResultStream(ROW_TYPE).end());
      JsonNode query = json(api.submit("q" + i));
      api.follow(query);
      ids.add(query.get("id").asText());
    }

    assertEquals(3, json(api.get("/v1/queries")).get("queries").size());
    assertEquals(404, api.get("/v1/statements/" + ids.get(0)).statusCode());
    assertEquals(200, api.get("/v1/statements/" + ids.get(4)).statusCode());
  }

  private Batch idBatch(long first, int rows) {
    List<Long> ids = LongStream.range(first, first + rows).boxed().toList();
    return Batch.of(List.of(VectorValues.vectorOf("id", DataType.BIGINT, ids, allocator)), rows);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
