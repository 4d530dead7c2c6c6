package dev.salvo.server.flightsql;

import java.util.UUID;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Tells which client connection a Flight call comes from. Flight has no connections of its own,
 * so the server hands each client a session cookie on its first call; clients that keep
 * cookies (Arrow's JDBC driver does, per connection) send it back with every later call.
 * A call without the cookie starts a new session.
 */
final class SessionCookieMiddleware implements FlightServerMiddleware {
  static final Key<SessionCookieMiddleware> KEY = Key.of("salvo-session");
  static final String COOKIE_NAME = "salvo_session";

  private final String sessionId;
  private final boolean isNew;

  private SessionCookieMiddleware(String sessionId, boolean isNew) {
    this.sessionId = sessionId;
    this.isNew = isNew;
  }

  /** The session of the call's client connection. */
  String sessionId() {
    return sessionId;
  }

  @Override
  public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
    if (isNew) {
      outgoingHeaders.insert("set-cookie", COOKIE_NAME + "=" + sessionId);
    }
  }

  @Override
  public void onCallCompleted(CallStatus status) {}

  @Override
  public void onCallErrored(Throwable error) {}

  /** Reads the cookie of each incoming call, or makes a new session id. */
  static final class Factory implements FlightServerMiddleware.Factory<SessionCookieMiddleware> {
    @Override
    public SessionCookieMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders,
        RequestContext context) {
      Iterable<String> cookieHeaders = incomingHeaders.getAll("cookie");
      if (cookieHeaders != null) {
        for (String header : cookieHeaders) {
          for (String part : header.split(";")) {
            String cookie = part.trim();
            if (cookie.startsWith(COOKIE_NAME + "=")) {
              String id = cookie.substring(COOKIE_NAME.length() + 1);
              if (!id.isBlank()) {
                return new SessionCookieMiddleware(id, false);
              }
            }
          }
        }
      }
      return new SessionCookieMiddleware(UUID.randomUUID().toString(), true);
    }
  }
}
