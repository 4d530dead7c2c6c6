package dev.salvo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir
  Path directory;

  @Test
  void defaultsWithoutFileOrOverrides() {
    ServerConfig config = ServerConfig.defaults();
    assertEquals("127.0.0.1", config.httpHost());
    assertEquals(8080, config.httpPort());
    assertEquals(32010, config.flightPort());
    assertEquals(1L << 20, config.httpMaxRequestBytes());
    assertEquals(Path.of("data"), config.dataDirectory());
    assertEquals(Runtime.getRuntime().availableProcessors(), config.parallelism());
    assertEquals(4096, config.batchSize());
    assertEquals(Map.of("tiny", 0.01, "sf0_1", 0.1, "sf1", 1.0), config.tpchSchemas());
    assertTrue(config.memoryMaxBytes() >= Runtime.getRuntime().maxMemory());
    assertTrue(config.queryMaxMemoryBytes() <= config.memoryMaxBytes());
    assertTrue(config.queryMaxMemoryBytes() >= Math.min(64L << 20, config.memoryMaxBytes()));
  }

  @Test
  void shippedFileDocumentsEveryKeyWithItsDefault() throws IOException {
    Path shipped = Path.of("..", "conf", "salvo.properties");
    String text = Files.readString(shipped);
    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(text.contains("\n" + key.key() + "=" + key.defaultValue() + "\n"),
          "conf/salvo.properties lacks " + key.key() + "=" + key.defaultValue());
    }
    assertEquals(ServerConfig.defaults(), ServerConfig.load(shipped, Map.of()));
  }

  @Test
  void fileOverridesDefaultsAndSetOverridesFile() throws IOException {
    Path file = write("""
        http.host=0.0.0.0
        http.port=9000
        http.max-request-bytes=64KB
        data.dir=/var/lib/salvo
        memory.max=4GB
        query.max-memory=512MB
        exec.parallelism=3
        exec.batch-size=1024
        tpch.schemas=tiny=0.01,sf10=10
        """);
    ServerConfig config = ServerConfig.load(file,
        Map.of("http.port", "9001", "exec.batch-size", " 2048 "));
    assertEquals("0.0.0.0", config.httpHost());
    assertEquals(9001, config.httpPort());
    assertEquals(64L << 10, config.httpMaxRequestBytes());
    assertEquals(Path.of("/var/lib/salvo"), config.dataDirectory());
    assertEquals(4L << 30, config.memoryMaxBytes());
    assertEquals(512L << 20, config.queryMaxMemoryBytes());
    assertEquals(3, config.parallelism());
    assertEquals(2048, config.batchSize());
    assertEquals(Map.of("tiny", 0.01, "sf10", 10.0), config.tpchSchemas());
  }

  @Test
  void autoQueryMemoryIsAQuarterOfTheConfiguredTotal() {
    ServerConfig config = ServerConfig.load(null, Map.of("memory.max", "8GB"));
    assertEquals(2L << 30, config.queryMaxMemoryBytes());
    ServerConfig small = ServerConfig.load(null, Map.of("memory.max", "32MB"));
    assertEquals(32L << 20, small.queryMaxMemoryBytes());
  }

  @Test
  void buildsTheEngineConfig() {
    ServerConfig config = ServerConfig.load(null, Map.of("memory.max", "2GB",
        "query.max-memory", "256MB", "exec.parallelism", "2", "exec.batch-size", "100",
        "tpch.schemas", "tiny=0.01"));
    EngineConfig engine = config.toEngineConfig();
    assertEquals(new EngineConfig(2, 100, 256L << 20, 2L << 30, Map.of("tiny", 0.01)), engine);
  }

  @Test
  void emptyTpchSchemasMeansNone() {
    assertEquals(Map.of(), ServerConfig.load(null, Map.of("tpch.schemas", "")).tpchSchemas());
  }

  @Test
  void relativeDataDirectoryIsTakenAgainstTheInstallDirectory() {
    ServerConfig config = ServerConfig.load(null, Map.of("data.dir", "var/data"));
    assertEquals(directory.resolve("var/data"), config.resolveDataDirectory(directory));
    ServerConfig absolute = ServerConfig.load(null, Map.of("data.dir", "/srv/salvo"));
    assertEquals(Path.of("/srv/salvo"), absolute.resolveDataDirectory(directory));
  }

  @Test
  void unknownKeyInFileNamesKeyAndFile() throws IOException {
    Path file = write("http.prot=8080\n");
    SalvoException error = assertInvalid(() -> ServerConfig.load(file, Map.of()));
    assertContains(error, "'http.prot'", file.toString(), "http.port");
  }

  @Test
  void unknownKeyInOverridesNamesKeyAndSet() {
    SalvoException error = assertInvalid(() -> ServerConfig.load(null, Map.of("nope", "1")));
    assertContains(error, "'nope'", "--set");
  }

  @Test
  void badNumbersNameKeyValueAndFile() throws IOException {
    Path file = write("http.port=80a\n");
    assertContains(assertInvalid(() -> ServerConfig.load(file, Map.of())),
        "'80a'", "http.port", file.toString());
    assertContains(assertInvalid(() -> ServerConfig.load(null, Map.of("http.port", "70000"))),
        "'70000'", "http.port", "--set", "0 to 65535");
    assertContains(assertInvalid(() -> ServerConfig.load(null, Map.of("flight.port", "-1"))),
        "'-1'", "flight.port", "0 to 65535");
    assertContains(assertInvalid(() -> ServerConfig.load(null, Map.of("http.port", ""))),
        "''", "http.port");
    assertContains(
        assertInvalid(() -> ServerConfig.load(null, Map.of("exec.parallelism", "0"))),
        "'0'", "exec.parallelism");
    assertContains(
        assertInvalid(() -> ServerConfig.load(null, Map.of("exec.batch-size", "many"))),
        "'many'", "exec.batch-size");
  }

  @Test
  void badSizesNameKeyValueAndFile() throws IOException {
    Path file = write("memory.max=4XB\n");
    assertContains(assertInvalid(() -> ServerConfig.load(file, Map.of())),
        "'4XB'", "memory.max", file.toString(), "512MB");
    assertContains(
        assertInvalid(() -> ServerConfig.load(null, Map.of("http.max-request-bytes", "0"))),
        "'0'", "http.max-request-bytes");
    assertContains(
        assertInvalid(() -> ServerConfig.load(null, Map.of("query.max-memory", "lots"))),
        "'lots'", "query.max-memory");
  }

  @Test
  void queryLimitsHaveDefaultsAndCanBeSet() {
    assertEquals(new ServerConfig.QueryLimits(32, 1000, 8L << 20, 0, Duration.ofMinutes(15),
        Duration.ofMinutes(5), 1000), ServerConfig.defaults().queryLimits());
    ServerConfig config = ServerConfig.load(null, Map.of("query.max-running", "4",
        "query.max-queued", "0", "query.result-buffer-bytes", "1MB",
        "query.max-result-bytes", "2GB", "query.result-expiry", "90s",
        "query.client-timeout", "500ms", "query.history-size", "10"));
    assertEquals(new ServerConfig.QueryLimits(4, 0, 1L << 20, 2L << 30, Duration.ofSeconds(90),
        Duration.ofMillis(500), 10), config.queryLimits());
    assertEquals(Duration.ofHours(2), DurationText.parse(" 2H ").orElseThrow());
    assertEquals(Duration.ofDays(1), DurationText.parse("1d").orElseThrow());
    assertEquals("15m", DurationText.format(Duration.ofMinutes(15)));
    assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
  }

  @Test
  void badQueryLimitsNameKeyAndValue() {
    assertContains(assertInvalid(() -> ServerConfig.load(null,
        Map.of("query.max-running", "0"))), "'0'", "query.max-running");
    assertContains(assertInvalid(() -> ServerConfig.load(null,
        Map.of("query.result-expiry", "15"))), "'15'", "query.result-expiry", "30s");
    assertContains(assertInvalid(() -> ServerConfig.load(null,
        Map.of("query.client-timeout", "0s"))), "'0s'", "query.client-timeout");
    assertContains(assertInvalid(() -> ServerConfig.load(null,
        Map.of("query.max-result-bytes", "all"))), "'all'", "query.max-result-bytes", "none");
  }

  @Test
  void queryLimitAboveTotalIsRejected() {
    SalvoException error = assertInvalid(() -> ServerConfig.load(null,
        Map.of("memory.max", "1GB", "query.max-memory", "2GB")));
    assertContains(error, "query.max-memory", "2GB", "memory.max", "1GB");
  }

  @Test
  void badTpchSchemasAreRejected() {
    for (String value : new String[] {"tiny", "tiny=x", "tiny=0", "tiny=-1", "1abc=1",
        "tiny=0.01,tiny=1", "tiny=0.01,", "tiny=Infinity"}) {
      SalvoException error = assertInvalid(
          () -> ServerConfig.load(null, Map.of("tpch.schemas", value)));
      assertContains(error, "tpch.schemas", value);
    }
  }

  @Test
  void emptyHostAndDataDirectoryAreRejected() {
    assertContains(assertInvalid(() -> ServerConfig.load(null, Map.of("http.host", " "))),
        "http.host");
    assertContains(assertInvalid(() -> ServerConfig.load(null, Map.of("data.dir", ""))),
        "data.dir");
  }

  @Test
  void missingFileIsRejected() {
    Path missing = directory.resolve("absent.properties");
    assertContains(assertInvalid(() -> ServerConfig.load(missing, Map.of())),
        missing.toString(), "does not exist");
  }

  private Path write(String text) throws IOException {
    Path file = directory.resolve("salvo.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static SalvoException assertInvalid(Runnable action) {
    SalvoException error = assertThrows(SalvoException.class, action::run);
    assertEquals(ErrorCode.INVALID_CONFIGURATION, error.code());
    return error;
  }

  private static void assertContains(SalvoException error, String... parts) {
    for (String part : parts) {
      assertTrue(error.getMessage().contains(part),
          "'" + error.getMessage() + "' should mention " + part);
    }
  }
}
