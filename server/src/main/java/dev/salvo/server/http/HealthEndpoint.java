package dev.salvo.server.http;

import dev.salvo.server.ServerVersion;
import dev.salvo.server.query.QueryManager;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /v1/health}: tells load balancers and people that the server is up. */
final class HealthEndpoint {
  static final String PATH = "/v1/health";

  private final long startNanos = System.nanoTime();
  private final QueryManager manager;

  HealthEndpoint(QueryManager manager) {
    this.manager = manager;
  }

  void handle(Response response, Callback callback) throws IOException {
    long uptimeSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    QueryManager.Metrics metrics = manager.metrics();
    JsonResponses.send(response, callback, 200, json -> {
      json.writeStartObject();
      json.writeStringField("status", "ok");
      json.writeStringField("version", ServerVersion.current());
      json.writeNumberField("uptimeSeconds", uptimeSeconds);
      json.writeNumberField("runningQueries", metrics.running());
      json.writeNumberField("queuedQueries", metrics.queued());
      json.writeEndObject();
    });
  }
}
