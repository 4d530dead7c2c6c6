package dev.salvo.server.flightsql;

import com.google.protobuf.ByteString;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.planner.QuerySignature;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint's server-side state: prepared statements by handle, with the parameter values
 * last bound to them, and executions a client was given a ticket for but has not fetched yet.
 * Clients that disappear without closing leave entries behind; they expire after an hour unused
 * (prepared statements) or ten minutes unfetched (tickets).
 */
final class PreparedStatements {
  private static final long STATEMENT_IDLE_LIMIT_NANOS = TimeUnit.HOURS.toNanos(1);
  private static final long TICKET_IDLE_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** One prepared statement; its parameters change each time the client binds new values. */
  static final class Statement {
    private final String sql;
    private final QuerySignature signature;
    private volatile List<Object> parameters = List.of();
    private volatile long lastUsedNanos = System.nanoTime();

    Statement(String sql, QuerySignature signature) {
      this.sql = sql;
      this.signature = signature;
    }

    String sql() {
      return sql;
    }

    QuerySignature signature() {
      return signature;
    }

    List<Object> parameters() {
      return parameters;
    }

    void bind(List<Object> values) {
      parameters = values;
    }
  }

  /** What a ticket runs: the SQL and the values bound to it when the ticket was handed out. */
  record Execution(String sql, List<Object> parameters, long createdNanos) {}

  private final Map<ByteString, Statement> statements = new ConcurrentHashMap<>();
  private final Map<ByteString, Execution> executions = new ConcurrentHashMap<>();

  ByteString add(Statement statement) {
    expireIdle();
    ByteString handle = newHandle();
    statements.put(handle, statement);
    return handle;
  }

  /**
   * The statement with this handle.
   *
   * @throws SalvoException INVALID_ARGUMENT when there is none (closed, expired, or another
   *     server's)
   */
  Statement get(ByteString handle) {
    Statement statement = statements.get(handle);
    if (statement == null) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "Unknown prepared statement handle; it was closed or has expired");
    }
    statement.lastUsedNanos = System.nanoTime();
    return statement;
  }

  void remove(ByteString handle) {
    statements.remove(handle);
  }

  ByteString addExecution(String sql, List<Object> parameters) {
    expireIdle();
    ByteString handle = newHandle();
    executions.put(handle, new Execution(sql, parameters, System.nanoTime()));
    return handle;
  }

  /**
   * Takes the execution a ticket names; a ticket runs once.
   *
   * @throws SalvoException INVALID_ARGUMENT for a ticket already used, expired or unknown
   */
  Execution takeExecution(ByteString handle) {
    Execution execution = executions.remove(handle);
    if (execution == null) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "Unknown ticket; each ticket can be read once, within 10 minutes");
    }
    return execution;
  }

  int size() {
    return statements.size() + executions.size();
  }

  private void expireIdle() {
    long now = System.nanoTime();
    statements.values().removeIf(
        statement -> now - statement.lastUsedNanos > STATEMENT_IDLE_LIMIT_NANOS);
    executions.values().removeIf(
        execution -> now - execution.createdNanos() > TICKET_IDLE_LIMIT_NANOS);
  }

  private static ByteString newHandle() {
    UUID id = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    return ByteString.copyFrom(bytes.array());
  }
}
