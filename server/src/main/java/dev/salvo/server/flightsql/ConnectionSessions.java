package dev.salvo.server.flightsql;

import dev.salvo.server.query.StatementExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One engine session per client connection, by session cookie, so that a {@code SET} or a
 * session option sent over a JDBC connection holds for that connection's later statements.
 * Clients that end their session (Flight's CloseSession) drop it at once; others never say
 * that they have gone, so sessions unused for an hour are dropped (a session is only its
 * settings, and a call with a dropped session's cookie starts it afresh with the defaults).
 */
final class ConnectionSessions {
  private static final long IDLE_LIMIT_NANOS = TimeUnit.HOURS.toNanos(1);

  private record Entry(StatementExecutor session, long lastUsedNanos) {}

  private final StatementExecutor executor;
  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

  ConnectionSessions(StatementExecutor executor) {
    this.executor = executor;
  }

  /** The session for {@code sessionId}, opened with default settings on first use. */
  StatementExecutor session(String sessionId) {
    long now = System.nanoTime();
    Entry entry = sessions.compute(sessionId, (id, existing) -> new Entry(
        existing != null ? existing.session() : executor.openSession(Map.of()), now));
    if (sessions.size() > 1) {
      sessions.values().removeIf(other -> now - other.lastUsedNanos() > IDLE_LIMIT_NANOS);
    }
    return entry.session();
  }

  /** Drops the session of {@code sessionId}, if there is one: its client closed it. */
  void close(String sessionId) {
    sessions.remove(sessionId);
  }

  int size() {
    return sessions.size();
  }
}
