package dev.salvo.jdbc;

import dev.salvo.server.ServerRuntime;
import dev.salvo.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Salvo server in the test JVM on free ports. The driver's tests start one through the
 * test-scoped dependency on the server module: the driver itself depends on no Salvo module.
 */
final class TestServer implements AutoCloseable {
  private final ServerRuntime runtime;

  private TestServer(ServerRuntime runtime) {
    this.runtime = runtime;
  }

  static TestServer start(Path installDirectory, Map<String, String> settings) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("http.port", "0");
    overrides.put("flight.port", "0");
    overrides.put("data.dir", "data");
    overrides.putAll(settings);
    return new TestServer(ServerRuntime.start(ServerConfig.load(null, overrides),
        installDirectory));
  }

  ServerRuntime runtime() {
    return runtime;
  }

  String salvoUrl() {
    return "jdbc:salvo://127.0.0.1:" + runtime.flightPort();
  }

  String flightUrl() {
    return "jdbc:arrow-flight-sql://127.0.0.1:" + runtime.flightPort() + "?useEncryption=false";
  }

  @Override
  public void close() {
    runtime.stop();
  }
}
