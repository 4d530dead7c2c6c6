package dev.salvo.server.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A statement a client submits.
 *
 * @param sql the statement's text
 * @param user who submits it, as the client says (Salvo does not authenticate yet)
 * @param properties session settings ({@code SET} names and values), key to value
 * @param clientRequestId the client's own id for this submission, or null; submitting again with
 *     the same id (and user) returns the query the first submission created instead of running
 *     the statement twice
 */
public record QueryRequest(String sql, String user, Map<String, String> properties,
    String clientRequestId) {

  /** Who a query belongs to when the client does not say. */
  public static final String ANONYMOUS = "anonymous";

  public QueryRequest {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(user, "user");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A request with no properties and no client request id. */
  public static QueryRequest of(String sql) {
    return new QueryRequest(sql, ANONYMOUS, Map.of(), null);
  }
}
