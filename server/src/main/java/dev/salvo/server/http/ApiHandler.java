package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.query.QueryManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the HTTP API's requests to their endpoints and answers every other request with a JSON
 * error: 404 for an unknown path, 405 (with {@code Allow}) for a known path and a wrong method.
 * Streaming endpoints hold their request thread while the result streams; page requests wait
 * without one.
 */
final class ApiHandler extends Handler.Abstract {
  static final String STATEMENT_PATH = "/v1/statement";

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  /** Handles one request, given the path's {@code {id}}, if it has one. */
  @FunctionalInterface
  private interface Endpoint {
    void handle(Request request, Response response, Callback callback, String id)
        throws Exception;
  }

  /**
   * One method on one path.
   *
   * @param method the HTTP method
   * @param template the path, with {@code {id}} standing for a query id
   */
  record Route(String method, String template, Pattern pattern, Endpoint endpoint) {
    Route(String method, String template, Endpoint endpoint) {
      this(method, template, Pattern.compile(
          Pattern.quote(template).replace("{id}", "\\E([^/]+)\\Q")), endpoint);
    }
  }

  private final List<Route> routes = new ArrayList<>();

  ApiHandler(QueryManager manager, long maxRequestBytes, long memoryMaxBytes) {
    StatementEndpoint statement = new StatementEndpoint(manager, maxRequestBytes);
    StatementsEndpoint statements = new StatementsEndpoint(manager, maxRequestBytes);
    QueriesEndpoint queries = new QueriesEndpoint(manager);
    FunctionsEndpoint functions = new FunctionsEndpoint(manager);
    HealthEndpoint health = new HealthEndpoint(manager);
    MetricsEndpoint metrics = new MetricsEndpoint(manager, memoryMaxBytes);
    OpenApiEndpoint openApi = new OpenApiEndpoint();
    String query = StatementsEndpoint.PATH + "/{id}";
    route("POST", STATEMENT_PATH, (rq, rs, cb, id) -> statement.handle(rq, rs, cb));
    route("POST", StatementsEndpoint.PATH, (rq, rs, cb, id) -> statements.submit(rq, rs, cb));
    route("GET", query, statements::get);
    route("DELETE", query, statements::cancel);
    route("GET", query + "/result", statements::result);
    route("GET", QueriesEndpoint.PATH, (rq, rs, cb, id) -> queries.handle(rq, rs, cb));
    route("GET", FunctionsEndpoint.PATH, (rq, rs, cb, id) -> functions.handle(rs, cb));
    route("GET", HealthEndpoint.PATH, (rq, rs, cb, id) -> health.handle(rs, cb));
    route("GET", MetricsEndpoint.PATH, (rq, rs, cb, id) -> metrics.handle(rs, cb));
    route("GET", OpenApiEndpoint.PATH, (rq, rs, cb, id) -> openApi.handle(rs, cb));
  }

  private void route(String method, String template, Endpoint endpoint) {
    routes.add(new Route(method, template, endpoint));
  }

  /** Every method and path the API serves, for its documentation and tests. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      route(request, response, callback);
    } catch (SalvoException e) {
      // An endpoint refused the request (unknown query, bad parameter, too many queries...).
      try {
        if (e.code() == ErrorCode.INTERNAL_ERROR) {
          LOG.error("Internal error while handling {} {}", request.getMethod(),
              request.getHttpURI().getPath(), e);
        }
        // A refused request's body may be unread: what has arrived is dropped, and where more
        // is still to come the answer closes the connection, so no client sends its next
        // request on a connection the server will close once this body is abandoned.
        if (!response.isCommitted() && !request.consumeAvailable()) {
          response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        JsonResponses.sendError(response, callback, e);
      } catch (Throwable secondFailure) {
        e.addSuppressed(secondFailure);
        callback.failed(e);
      }
    } catch (Throwable t) {
      LOG.error("Unexpected failure while handling {} {}", request.getMethod(),
          request.getHttpURI().getPath(), t);
      if (response.isCommitted()) {
        callback.failed(t);
      } else {
        try {
          JsonResponses.sendError(response, callback,
              new SalvoException(ErrorCode.INTERNAL_ERROR, "Internal error; the server log has"
                  + " the details"));
        } catch (Throwable secondFailure) {
          t.addSuppressed(secondFailure);
          callback.failed(t);
        }
      }
    }
    return true;
  }

  private void route(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Matcher matcher = route.pattern().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      if (route.method().equals(method)) {
        route.endpoint().handle(request, response, callback,
            matcher.groupCount() > 0 ? matcher.group(1) : null);
        return;
      }
      allowed.add(route.method());
    }
    if (!allowed.isEmpty()) {
      String allow = String.join(", ", allowed);
      response.getHeaders().put(HttpHeader.ALLOW, allow);
      throw new RequestRejectedException(ErrorResponses.METHOD_NOT_ALLOWED,
          ErrorCode.NOT_SUPPORTED, method + " is not allowed on " + path + "; use " + allow);
    }
    throw new RequestRejectedException(ErrorResponses.NOT_FOUND, ErrorCode.INVALID_ARGUMENT,
        "No resource at " + path + "; " + OpenApiEndpoint.PATH + " describes the API");
  }
}
