package dev.salvo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path installDirectory;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void startsWithTheRealEngineServesAndStops() throws Exception {
    ServerConfig config = ServerConfig.load(null,
        Map.of("http.port", "0", "flight.port", "0", "data.dir", "var/data",
            "memory.max", "256MB"));

    ServerRuntime runtime = ServerRuntime.start(config, installDirectory);
    URI uri = runtime.httpUri();
    try {
      assertTrue(Files.isDirectory(installDirectory.resolve("var/data")));
      var health = client.send(HttpRequest.newBuilder(uri.resolve("/v1/health")).build(),
          BodyHandlers.ofString());
      assertEquals(200, health.statusCode());

      var statement = client.send(HttpRequest.newBuilder(uri.resolve("/v1/statement"))
          .POST(HttpRequest.BodyPublishers.ofString("SELEC 1")).build(), BodyHandlers.ofString());
      assertEquals(400, statement.statusCode(), statement.body());
      JsonNode error = JSON.readTree(statement.body()).get("error");
      assertTrue(error.get("code").isTextual() && error.get("message").isTextual());

      var show = client.send(HttpRequest.newBuilder(uri.resolve("/v1/statement"))
          .header("X-Salvo-Session", "batch_size=123")
          .POST(HttpRequest.BodyPublishers.ofString("SHOW batch_size")).build(),
          BodyHandlers.ofString());
      assertEquals(200, show.statusCode(), show.body());
      assertEquals("123", JSON.readTree(show.body()).get("data").get(0).get(1).textValue());
      var unknown = client.send(HttpRequest.newBuilder(uri.resolve("/v1/statement"))
          .header("X-Salvo-Session", "batch_sise=123")
          .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(),
          BodyHandlers.ofString());
      assertEquals(400, unknown.statusCode(), unknown.body());
      assertEquals("UNKNOWN_SETTING",
          JSON.readTree(unknown.body()).get("error").get("code").textValue());
    } finally {
      runtime.stop();
    }

    runtime.stop();
    HttpClient freshClient = HttpClient.newHttpClient();
    assertThrows(IOException.class, () -> freshClient.send(
        HttpRequest.newBuilder(uri.resolve("/v1/health")).build(), BodyHandlers.ofString()));
  }

  @Test
  void busyPortFailsWithAClearMessage() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      ServerConfig config = ServerConfig.load(null,
          Map.of("http.port", Integer.toString(port), "flight.port", "0",
              "data.dir", "data"));

      SalvoException error = assertThrows(SalvoException.class,
          () -> ServerRuntime.start(config, installDirectory));

      assertEquals(ErrorCode.INVALID_CONFIGURATION, error.code());
      assertTrue(error.getMessage().startsWith("Cannot listen on http://127.0.0.1:" + port
          + ": address already in use"), error.getMessage());
    }
  }

  @Test
  void busyFlightPortFailsWithAClearMessage() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      ServerConfig config = ServerConfig.load(null,
          Map.of("http.port", "0", "flight.port", Integer.toString(port), "data.dir", "data"));

      SalvoException error = assertThrows(SalvoException.class,
          () -> ServerRuntime.start(config, installDirectory));

      assertEquals(ErrorCode.INVALID_CONFIGURATION, error.code());
      assertTrue(error.getMessage().contains("127.0.0.1:" + port)
          && error.getMessage().contains("flight.port"), error.getMessage());
    }
  }

  @Test
  void functionsCreatedOverHttpSurviveARestart() throws Exception {
    ServerConfig config = ServerConfig.load(null, Map.of("http.port", "0", "flight.port", "0",
        "data.dir", "data", "memory.max", "256MB", "resources.gpus", "0",
        "tpch.schemas", "tiny=0.01"));
    ServerRuntime first = ServerRuntime.start(config, installDirectory);
    try {
      assertEquals(200, post(first, "CREATE FUNCTION absolute(x BIGINT) RETURNS BIGINT"
          + " LANGUAGE JAVA AS 'java.lang.Math#abs' WITH (max_retries = 2)").statusCode());
      assertEquals(200, post(first,
          "CREATE FUNCTION triple(x INT) RETURNS INT RETURN x * 3").statusCode());
      // More GPUs than the server has is the definition's fault, not a passing overload: 400.
      var tooManyGpus = post(first, "CREATE FUNCTION f(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
          + " AS 'java.lang.Math#abs' WITH (gpus = 1)");
      assertEquals(400, tooManyGpus.statusCode(), tooManyGpus.body());
      JsonNode error = JSON.readTree(tooManyGpus.body()).get("error");
      assertEquals("INSUFFICIENT_RESOURCES", error.get("code").textValue());
      assertEquals("53000", error.get("sqlState").textValue());
      assertTrue(error.get("message").textValue().contains("needs 1.0 GPU(s)"),
          error.toString());
      assertEquals(1, error.get("line").intValue());
      assertEquals(88, error.get("column").intValue(), "The column of gpus = 1");
    } finally {
      first.stop();
    }
    ServerRuntime second = ServerRuntime.start(config, installDirectory);
    try {
      var answer = post(second, "SELECT absolute(-5 - n_nationkey) AS a, triple(n_nationkey) AS t"
          + " FROM tpch.tiny.nation WHERE n_nationkey = 2");
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(answer.body().replace(" ", "").contains("[7,6]"), answer.body());
      var stats = post(second, "SELECT function_name, calls FROM system.udf_stats");
      assertTrue(stats.body().contains("absolute"), stats.body());
      var listed = client.send(HttpRequest.newBuilder(second.httpUri().resolve("/v1/functions"))
          .build(), BodyHandlers.ofString());
      assertEquals(200, listed.statusCode());
      JsonNode absolute = null;
      JsonNode triple = null;
      for (JsonNode function : JSON.readTree(listed.body()).get("functions")) {
        switch (function.get("name").textValue()) {
          case "absolute" -> absolute = function;
          case "triple" -> triple = function;
          default -> { }
        }
      }
      assertTrue(absolute != null && triple != null, listed.body());
      assertEquals("java.lang.Math", absolute.get("implementation").get("className").textValue());
      assertEquals(0, absolute.get("implementation").get("jars").size());
      assertEquals(2, absolute.get("options").get("max_retries").intValue());
      assertEquals("SQL", triple.get("language").textValue());
      assertEquals("x * 3", triple.get("implementation").get("body").textValue());
    } finally {
      second.stop();
    }
  }

  private HttpResponse<String> post(ServerRuntime runtime, String sql) throws Exception {
    return client.send(HttpRequest.newBuilder(runtime.httpUri().resolve("/v1/statement"))
        .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), BodyHandlers.ofString());
  }
}
