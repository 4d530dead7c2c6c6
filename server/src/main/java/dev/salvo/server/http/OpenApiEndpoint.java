package dev.salvo.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /v1/openapi.json}: the OpenAPI 3 description of this API. */
final class OpenApiEndpoint {
  static final String PATH = "/v1/openapi.json";
  static final String RESOURCE = "openapi.json";

  private final byte[] document = load();

  void handle(Response response, Callback callback) {
    JsonResponses.sendBytes(response, callback, 200, JsonResponses.CONTENT_TYPE, document);
  }

  static byte[] load() {
    try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
