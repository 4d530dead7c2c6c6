package dev.salvo.server.http;

import dev.salvo.server.query.QueryManager;
import dev.salvo.sql.FunctionInfo;
import java.io.IOException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v1/functions}: the named SQL functions statements can call, built-in ones for now;
 * user-defined functions will join the list once they exist.
 */
final class FunctionsEndpoint {
  static final String PATH = "/v1/functions";

  private final QueryManager manager;

  FunctionsEndpoint(QueryManager manager) {
    this.manager = manager;
  }

  void handle(Response response, Callback callback) throws IOException {
    JsonResponses.send(response, callback, 200, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("functions");
      for (FunctionInfo function : manager.functions()) {
        json.writeStartObject();
        json.writeStringField("name", function.name());
        json.writeStringField("kind", function.kind().name());
        json.writeBooleanField("builtIn", true);
        json.writeStringField("signature", function.signature());
        json.writeStringField("description", function.description());
        json.writeStringField("example", function.example());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }
}
