package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.server.query.QueryRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a statement request: the SQL text is the body itself for textual content types, or the
 * {@code sql} member of a JSON object, which may also carry session properties (as
 * {@code properties} or {@code session}) and a {@code clientRequestId}. Session properties may
 * also come in the {@value SessionHeader#NAME} header; the JSON body wins for a setting both
 * name. The user comes from the {@code X-Salvo-User} header. Enforces the body size limit while
 * reading, so a client cannot make the server buffer more than that.
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
  /** The header naming the user a statement runs for. */
  static final String USER_HEADER = "X-Salvo-User";
  private static final int MAX_NAME_LENGTH = 256;

  private final long maxRequestBytes;
  private final ObjectMapper objectMapper = new ObjectMapper();

  StatementRequestReader(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  /**
   * The statement request.
   *
   * @param allowClientRequestId whether the endpoint accepts a {@code clientRequestId}
   * @throws RequestRejectedException 413, 415 or 400 for a body that is too large, of an
   *     unsupported type, malformed, without a statement, or with malformed session properties
   */
  QueryRequest read(Request request, boolean allowClientRequestId) throws IOException {
    // The body is read before any header is judged: a request rejected with its body unread
    // leaves the connection unusable, and Jetty closes it after a response that did not say
    // so, which fails the client's next request on that connection.
    byte[] body = readBody(request);
    String user = user(request);
    Map<String, String> headerProperties =
        SessionHeader.parse(request.getHeaders().getValuesList(SessionHeader.NAME));
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
    QueryRequest statement = json
        ? fromJson(body, user, allowClientRequestId, headerProperties)
        : new QueryRequest(new String(body, mediaType.charset()), user,
            Map.copyOf(headerProperties), null);
    if (statement.sql().isBlank()) {
      throw new RequestRejectedException(ErrorResponses.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
          "The request holds no SQL statement");
    }
    return statement;
  }

  private static String user(Request request) {
    String user = request.getHeaders().get(USER_HEADER);
    if (user == null || user.isBlank()) {
      return QueryRequest.ANONYMOUS;
    }
    user = user.trim();
    if (user.length() > MAX_NAME_LENGTH) {
      throw badJson("The " + USER_HEADER + " header is longer than " + MAX_NAME_LENGTH
          + " characters");
    }
    return user;
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

  private QueryRequest fromJson(byte[] body, String user, boolean allowClientRequestId,
      Map<String, String> headerProperties) {
    JsonNode tree;
    try {
      tree = objectMapper.readTree(body);
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException parse
          ? parse.getOriginalMessage() : e.getMessage();
      throw badJson("The request body is not valid JSON: " + reason);
    }
    JsonNode sql = tree == null ? null : tree.get("sql");
    if (sql == null || !sql.isTextual() || !tree.isObject()) {
      throw badJson("The JSON request body must be an object with a string member \"sql\"");
    }
    Iterator<String> members = tree.fieldNames();
    while (members.hasNext()) {
      String member = members.next();
      boolean known = member.equals("sql") || member.equals("properties")
          || member.equals("session")
          || (allowClientRequestId && member.equals("clientRequestId"));
      if (!known) {
        throw badJson("Unknown member \"" + member + "\" in the JSON request body; it may hold"
            + " \"sql\", \"properties\", \"session\"" + (allowClientRequestId
            ? " and \"clientRequestId\"" : " (\"clientRequestId\" is for POST /v1/statements)"));
      }
    }
    // "properties" and "session" are two names for the same settings (the first from the
    // query API, the second from the session API), so both feed one map.
    Map<String, String> properties = new LinkedHashMap<>(headerProperties);
    properties.putAll(sessionMember(tree, "properties"));
    properties.putAll(sessionMember(tree, "session"));
    String clientRequestId = null;
    JsonNode idNode = tree.get("clientRequestId");
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isTextual() || idNode.textValue().isBlank()
          || idNode.textValue().length() > MAX_NAME_LENGTH) {
        throw badJson("\"clientRequestId\" must be a non-empty string of at most "
            + MAX_NAME_LENGTH + " characters");
      }
      clientRequestId = idNode.textValue();
    }
    return new QueryRequest(sql.textValue(), user, properties, clientRequestId);
  }

  /** {@code "properties": {"batch_size": 100, "query_max_memory": "512MB"}}, or nothing. */
  private static Map<String, String> sessionMember(JsonNode tree, String name) {
    JsonNode member = tree.get(name);
    if (member == null || member.isNull()) {
      return Map.of();
    }
    if (!member.isObject()) {
      throw badJson("\"" + name + "\" must be an object of session properties");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : member.properties()) {
      JsonNode value = entry.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw badJson("Session property '" + entry.getKey()
            + "' must be a string, a number or a boolean");
      }
      properties.put(entry.getKey(), value.asText());
    }
    return properties;
  }

  private static RequestRejectedException badJson(String message) {
    return new RequestRejectedException(ErrorResponses.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
        message);
  }
}
