package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.salvo.exec.error.SalvoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes small, complete JSON responses: errors and health. */
final class JsonResponses {
  static final String CONTENT_TYPE = "application/json";

  /**
   * Shared by every response. DECIMAL values are written in plain notation, never as
   * {@code 1E+3}, so clients see the digits the engine computed.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  /** Something that writes one JSON value. */
  @FunctionalInterface
  interface JsonBody {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private JsonResponses() {}

  static void send(Response response, Callback callback, int status, JsonBody body)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      body.writeTo(json);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.size());
    response.write(true, ByteBuffer.wrap(bytes.toByteArray()), callback);
  }

  static void sendError(Response response, Callback callback, SalvoException error)
      throws IOException {
    send(response, callback, ErrorResponses.statusFor(error), json -> {
      json.writeStartObject();
      ErrorResponses.writeErrorMember(json, error);
      json.writeEndObject();
    });
  }
}
