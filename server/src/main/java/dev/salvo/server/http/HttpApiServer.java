package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.query.QueryManager;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Salvo's HTTP API on Jetty: statements (synchronous and as queries to poll), query listings,
 * functions, health, metrics and the API's OpenAPI description; {@code /v1/openapi.json} lists
 * every route. Stopping it stops accepting connections, then waits briefly for requests in
 * flight.
 */
public final class HttpApiServer implements AutoCloseable {
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  private final String host;
  private final int requestedPort;
  private final Server server;
  private final ServerConnector connector;
  private final ApiHandler handler;

  /**
   * A server that will listen on {@code host}:{@code port} (0 picks a free port) once started.
   *
   * @param maxRequestBytes largest request body accepted; larger ones get 413
   * @param manager runs and tracks the queries
   * @param memoryMaxBytes memory all queries may use, for the metrics
   */
  public HttpApiServer(String host, int port, long maxRequestBytes, QueryManager manager,
      long memoryMaxBytes) {
    this.host = Objects.requireNonNull(host, "host");
    this.requestedPort = port;
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("salvo-http");
    server = new Server(threads);
    HttpConfiguration httpConfiguration = new HttpConfiguration();
    httpConfiguration.setSendServerVersion(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    handler = new ApiHandler(manager, maxRequestBytes, memoryMaxBytes);
    server.setHandler(new GracefulHandler(handler));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws SalvoException INVALID_CONFIGURATION when the address cannot be listened on (the
   *     port is taken, the host is not this machine's)
   */
  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly();
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION, "Cannot listen on http://" + host
          + ":" + requestedPort + ": " + bindFailureReason(e)
          + "; choose another http.host or http.port", e);
    }
  }

  /** The port actually listened on, which differs from the configured one when that was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The API's base address, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + uriHost() + ":" + port());
  }

  /** The methods and paths served, such as {@code GET /v1/statements/{id}}. */
  public List<String> routes() {
    return handler.routes().stream().map(route -> route.method() + " " + route.template())
        .toList();
  }

  /** Stops accepting connections and waits up to ten seconds for requests in flight. */
  public void stop() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Could not stop the HTTP server", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private String uriHost() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception suppressed) {
      // The start failure is what the user needs to see.
    }
  }

  private static String bindFailureReason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException bind) {
        String message = bind.getMessage();
        return message == null ? "address already in use" : message.toLowerCase(Locale.ROOT);
      }
    }
    if (failure instanceof IOException && failure.getMessage() != null) {
      return failure.getMessage();
    }
    return failure.toString();
  }
}
