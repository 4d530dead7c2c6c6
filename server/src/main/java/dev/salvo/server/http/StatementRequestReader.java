package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvo.exec.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Extracts the SQL text from a statement request: the body itself for textual content types, or
 * the {@code sql} member of a JSON object; and the session properties it runs with, from the
 * {@value SessionHeader#NAME} header and the JSON object's {@code session} member (which wins
 * for a setting both name). Enforces the body size limit while reading, so a
 * client cannot make the server buffer more than that.
 */
final class StatementRequestReader {
  /**
   * Content types whose body is the SQL text as is. {@code application/x-www-form-urlencoded}
   * is here because {@code curl -d 'SELECT ...'} sends it without encoding anything, and a
   * missing type is what the simplest clients send.
   */
  private static final Set<String> TEXT_TYPES =
      Set.of("", "text/plain", "application/sql", "application/x-www-form-urlencoded");
  private static final String JSON_TYPE = "application/json";

  private final long maxRequestBytes;
  private final ObjectMapper objectMapper = new ObjectMapper();

  StatementRequestReader(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  /** A statement request: its SQL and the session properties it asks for (maybe none). */
  record StatementRequest(String sql, Map<String, String> sessionProperties) {}

  /**
   * The statement's SQL text and session properties.
   *
   * @throws RequestRejectedException 413, 415 or 400 for a body that is too large, of an
   *     unsupported type, malformed, without a statement, or with malformed session properties
   */
  StatementRequest read(Request request) throws IOException {
    Map<String, String> properties = new LinkedHashMap<>(
        SessionHeader.parse(request.getHeaders().getValuesList(SessionHeader.NAME)));
    MediaType mediaType = MediaType.parse(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    boolean json = mediaType.type().equals(JSON_TYPE);
    if (!json && !TEXT_TYPES.contains(mediaType.type())) {
      throw new RequestRejectedException(ErrorResponses.UNSUPPORTED_MEDIA_TYPE,
          ErrorCode.NOT_SUPPORTED, "Unsupported Content-Type '" + mediaType.type()
              + "'; send the SQL text as text/plain or application/sql, or as {\"sql\": \"...\"}"
              + " with application/json");
    }
    if (mediaType.charset() == null) {
      throw new RequestRejectedException(ErrorResponses.UNSUPPORTED_MEDIA_TYPE,
          ErrorCode.NOT_SUPPORTED, "Unsupported charset in Content-Type; use UTF-8");
    }
    byte[] body = readBody(request);
    String sql;
    if (json) {
      JsonNode tree = jsonObject(body);
      sql = tree.get("sql").textValue();
      properties.putAll(sessionFromJson(tree.get("session")));
    } else {
      sql = new String(body, mediaType.charset());
    }
    if (sql.isBlank()) {
      throw new RequestRejectedException(ErrorResponses.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
          "The request holds no SQL statement");
    }
    return new StatementRequest(sql, Map.copyOf(properties));
  }

  private byte[] readBody(Request request) throws IOException {
    long declaredLength = request.getLength();
    if (declaredLength > maxRequestBytes) {
      throw tooLarge(declaredLength + " bytes");
    }
    // One byte beyond the limit tells a body that is too large without reading all of it.
    InputStream input = Content.Source.asInputStream(request);
    byte[] body = input.readNBytes((int) Math.min(maxRequestBytes + 1, Integer.MAX_VALUE));
    if (body.length > maxRequestBytes) {
      throw tooLarge("more than " + maxRequestBytes + " bytes");
    }
    return body;
  }

  private RequestRejectedException tooLarge(String size) {
    return new RequestRejectedException(ErrorResponses.PAYLOAD_TOO_LARGE,
        ErrorCode.INVALID_ARGUMENT, "The request body is " + size + "; the server accepts at most "
            + maxRequestBytes + " (http.max-request-bytes)");
  }

  private JsonNode jsonObject(byte[] body) {
    JsonNode tree;
    try {
      tree = objectMapper.readTree(body);
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException parse
          ? parse.getOriginalMessage() : e.getMessage();
      throw badJson("The request body is not valid JSON: " + reason);
    }
    JsonNode sql = tree == null ? null : tree.get("sql");
    if (sql == null || !sql.isTextual()) {
      throw badJson("The JSON request body must be an object with a string member \"sql\"");
    }
    return tree;
  }

  /** {@code "session": {"batch_size": 100, "query_max_memory": "512MB"}}, or nothing. */
  private static Map<String, String> sessionFromJson(JsonNode session) {
    if (session == null || session.isNull()) {
      return Map.of();
    }
    if (!session.isObject()) {
      throw badJson("The member \"session\" must be an object of setting names to values");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : (Iterable<Map.Entry<String, JsonNode>>)
        session::fields) {
      JsonNode value = property.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw badJson("Session setting \"" + property.getKey()
            + "\" must have a string, number or boolean value");
      }
      properties.put(property.getKey(), value.asText());
    }
    return properties;
  }

  private static RequestRejectedException badJson(String message) {
    return new RequestRejectedException(ErrorResponses.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
        message);
  }
}
