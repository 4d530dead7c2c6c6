package dev.salvo.server.flightsql;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * The id a Salvo JDBC connection sends with every call (header {@value #HEADER}), so that the
 * queries it starts can be cancelled by naming the connection: Arrow's JDBC driver never tells
 * the server which query a {@code Statement.cancel()} is meant for.
 */
final class ClientConnectionId implements FlightServerMiddleware {
  /** The gRPC header; Arrow's driver sends connection properties it does not know as headers. */
  static final String HEADER = "salvo-connection-id";

  static final Key<ClientConnectionId> KEY = Key.of(HEADER);

  /** Reads the header of each call. */
  static final Factory<ClientConnectionId> FACTORY = ClientConnectionId::fromHeaders;

  private final String id;

  private ClientConnectionId(String id) {
    this.id = id;
  }

  private static ClientConnectionId fromHeaders(CallInfo info, CallHeaders headers,
      RequestContext context) {
    return new ClientConnectionId(headers.get(HEADER));
  }

  /** The id the call's client sent, or null for clients that send none. */
  static String of(CallContext context) {
    ClientConnectionId middleware = context == null ? null : context.getMiddleware(KEY);
    return middleware == null ? null : middleware.id;
  }

  @Override
  public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {}

  @Override
  public void onCallCompleted(CallStatus status) {}

  @Override
  public void onCallErrored(Throwable error) {}
}
