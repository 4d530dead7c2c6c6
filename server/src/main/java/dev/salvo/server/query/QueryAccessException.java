package dev.salvo.server.query;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;

/**
 * A request about a query that cannot be served as asked, for a reason the HTTP API turns into
 * its status code: the query does not exist, is in a conflicting state, has lost its results,
 * or the server cannot take more queries.
 */
public final class QueryAccessException extends SalvoException {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** No such query or page (404). */
    NOT_FOUND,
    /** The query's state does not allow the request (409). */
    CONFLICT,
    /** What was asked for existed but was released (410). */
    GONE,
    /** Every running and queue slot is taken (429). */
    OVERLOADED,
    /** The server is shutting down (503). */
    UNAVAILABLE
  }

  private final Reason reason;

  public QueryAccessException(Reason reason, ErrorCode code, String message) {
    super(code, message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
