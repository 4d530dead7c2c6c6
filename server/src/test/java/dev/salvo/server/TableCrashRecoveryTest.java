package dev.salvo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise, tested the hard way: a real server process is killed with SIGKILL in
 * the middle of an INSERT, and after a restart on the same data directory the table holds
 * exactly the rows of the statements that had committed.
 */
class TableCrashRecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir
  Path dataDirectory;

  @Test
  void killDuringInsertLeavesExactlyTheCommittedRows() throws Exception {
    int port = freePort();
    Process server = startServer(port);
    long committedRows;
    long committedQuantity;
    try {
      assertEquals(60_175, updateCount(port, "CREATE TABLE items AS"
          + " SELECT l_orderkey, l_quantity FROM tpch.tiny.lineitem"));
      long inserted = updateCount(port, "INSERT INTO items"
          + " SELECT l_orderkey, l_quantity FROM tpch.tiny.lineitem WHERE l_orderkey < 1000");
      assertTrue(inserted > 0);
      committedRows = 60_175 + inserted;
      JsonNode before = query(port, "SELECT COUNT(*), SUM(l_quantity) FROM items");
      assertEquals(committedRows, before.get(0).get(0).asLong());
      committedQuantity = before.get(0).get(1).decimalValue().longValueExact();

      // Six million rows take seconds to generate and write: long enough to be killed midway.
      CompletableFuture<HttpResponse<String>> longInsert = CLIENT.sendAsync(
          statement(port, "INSERT INTO items"
              + " SELECT l_orderkey, l_quantity FROM tpch.sf1.lineitem"),
          HttpResponse.BodyHandlers.ofString());
      awaitTemporaryFile(Duration.ofSeconds(60));
      assertFalse(longInsert.isDone(), "the long INSERT finished before it could be killed");
      server.destroyForcibly();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
      longInsert.handle((response, error) -> null).get(30, TimeUnit.SECONDS);
    } finally {
      stop(server);
    }

    Process restarted = startServer(port);
    try {
      JsonNode after = query(port, "SELECT COUNT(*), SUM(l_quantity) FROM items");
      assertEquals(committedRows, after.get(0).get(0).asLong());
      assertEquals(committedQuantity, after.get(0).get(1).decimalValue().longValueExact());
      assertEquals(List.of(), dataFiles(".tmp"), "start deletes the killed INSERT's file");
      assertEquals(2, dataFiles(".arrow").size());
    } finally {
      stop(restarted);
    }
  }

  private Process startServer(int port) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), SalvoServer.class.getName(),
        "--set", "http.port=" + port,
        "--set", "data.dir=" + dataDirectory.toAbsolutePath(),
        "--set", "flight.port=0",
        "--set", "exec.parallelism=2",
        "--set", "tpch.schemas=tiny=0.01,sf1=1"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dataDirectory.resolve("server.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("The server exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return process;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    stop(process);
    throw new AssertionError("The server did not start within 60 s");
  }

  private static void stop(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private void awaitTemporaryFile(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Path file : dataFiles(".tmp")) {
        if (Files.size(file) > 1 << 20) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("The long INSERT never started writing");
  }

  private List<Path> dataFiles(String suffix) throws IOException {
    Path tables = dataDirectory.resolve("tables");
    if (!Files.exists(tables)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(tables)) {
      return files.filter(file -> file.toString().endsWith(suffix)).toList();
    }
  }

  private static HttpRequest statement(int port, String sql) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/statement"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(sql))
        .build();
  }

  private static JsonNode query(int port, String sql) throws Exception {
    HttpResponse<String> response = CLIENT.send(statement(port, sql),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("data");
  }

  private static long updateCount(int port, String sql) throws Exception {
    return query(port, sql).get(0).get(0).asLong();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
