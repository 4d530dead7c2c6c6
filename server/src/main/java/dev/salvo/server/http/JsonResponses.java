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

/** Writes small, complete responses: errors, status documents, listings. */
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

  /** Sends {@code bytes} as the whole body. */
  static void sendBytes(Response response, Callback callback, int status, String contentType,
      byte[] bytes) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  static void sendError(Response response, Callback callback, SalvoException error)
      throws IOException {
    sendError(response, callback, error, null);
  }

  /**
   * Sends {@code error} with its status; {@code queryId}, when not null, names the query the
   * error belongs to (a statement that failed planning is remembered as a failed query).
   */
  static void sendError(Response response, Callback callback, SalvoException error,
      String queryId) throws IOException {
    int status = ErrorResponses.statusFor(error);
    if (status == ErrorResponses.TOO_MANY_REQUESTS) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
    }
    if (status == ErrorResponses.PAYLOAD_TOO_LARGE) {
      // The rest of the body stays unread, so the connection cannot carry another request.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    send(response, callback, status, json -> {
      json.writeStartObject();
      if (queryId != null) {
        json.writeStringField("id", queryId);
      }
      ErrorResponses.writeErrorMember(json, error);
      json.writeEndObject();
    });
  }
}
