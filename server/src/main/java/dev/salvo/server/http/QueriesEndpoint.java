package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.server.query.QueryInfo;
import dev.salvo.server.query.QueryManager;
import dev.salvo.server.query.QueryState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /v1/queries}: every query the server remembers, newest first, optionally only those
 * in some states ({@code ?state=running,queued}) or of one user ({@code ?user=}). Looking does
 * not count as a client's interest: it keeps no query alive.
 */
final class QueriesEndpoint {
  static final String PATH = "/v1/queries";

  private final QueryManager manager;

  QueriesEndpoint(QueryManager manager) {
    this.manager = manager;
  }

  void handle(Request request, Response response, Callback callback) throws IOException {
    Fields parameters = Request.extractQueryParameters(request);
    Set<QueryState> states = states(parameters.getValue("state"));
    String user = parameters.getValue("user");
    List<QueryInfo> selected = new ArrayList<>();
    for (QueryInfo info : manager.list()) {
      if (states.contains(info.state()) && (user == null || user.equals(info.user()))) {
        selected.add(info);
      }
    }
    String base = request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority()
        + StatementsEndpoint.PATH + "/";
    JsonResponses.send(response, callback, 200, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("queries");
      for (QueryInfo info : selected) {
        json.writeStartObject();
        json.writeStringField("id", info.id());
        json.writeStringField("state", info.state().name());
        json.writeStringField("user", info.user());
        json.writeStringField("sql", info.sql());
        json.writeStringField("infoUri", base + info.id());
        StatementsEndpoint.writeTimes(json, info);
        StatementsEndpoint.writeProgress(json, info);
        if (info.error() != null) {
          ErrorResponses.writeErrorMember(json, info.error());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static Set<QueryState> states(String text) {
    if (text == null || text.isBlank()) {
      return EnumSet.allOf(QueryState.class);
    }
    Set<QueryState> states = EnumSet.noneOf(QueryState.class);
    for (String name : text.split(",")) {
      try {
        states.add(QueryState.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new RequestRejectedException(ErrorResponses.BAD_REQUEST,
            ErrorCode.INVALID_ARGUMENT, "Unknown query state '" + name.trim()
                + "'; states are " + EnumSet.allOf(QueryState.class));
      }
    }
    return states;
  }
}
