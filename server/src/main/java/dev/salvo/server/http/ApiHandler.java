package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.query.StatementExecutor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the HTTP API's requests to their endpoints and answers every other request with a JSON
 * error. Runs blocking: a statement holds its request thread while its result streams.
 */
final class ApiHandler extends Handler.Abstract {
  static final String STATEMENT_PATH = "/v1/statement";
  static final String HEALTH_PATH = "/v1/health";

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private final StatementEndpoint statements;
  private final HealthEndpoint health = new HealthEndpoint();

  ApiHandler(StatementExecutor executor, long maxRequestBytes) {
    this.statements = new StatementEndpoint(executor, maxRequestBytes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      route(request, response, callback);
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
    if (STATEMENT_PATH.equals(path)) {
      if ("POST".equals(method)) {
        statements.handle(request, response, callback);
      } else {
        methodNotAllowed(response, callback, method, path, "POST");
      }
    } else if (HEALTH_PATH.equals(path)) {
      if ("GET".equals(method)) {
        health.handle(response, callback);
      } else {
        methodNotAllowed(response, callback, method, path, "GET");
      }
    } else {
      JsonResponses.sendError(response, callback, new RequestRejectedException(
          ErrorResponses.NOT_FOUND, ErrorCode.INVALID_ARGUMENT, "No resource at " + path
              + "; the API has POST " + STATEMENT_PATH + " and GET " + HEALTH_PATH));
    }
  }

  private static void methodNotAllowed(Response response, Callback callback, String method,
      String path, String allowed) throws Exception {
    response.getHeaders().put(HttpHeader.ALLOW, allowed);
    JsonResponses.sendError(response, callback, new RequestRejectedException(
        ErrorResponses.METHOD_NOT_ALLOWED, ErrorCode.NOT_SUPPORTED,
        method + " is not allowed on " + path + "; use " + allowed));
  }
}
