package dev.salvo.server.query;

/** Where a query is in its life; the last three are final. */
public enum QueryState {
  /** Planned, waiting for a running slot ({@code query.max-running}). */
  QUEUED,
  /** Executing; its results stream to the client as they come. */
  RUNNING,
  /** Executed to the end; results not yet fetched stay until read or expired. */
  FINISHED,
  /** Ended with an error. */
  FAILED,
  /** Cancelled by a client, for want of a client, or by the server shutting down. */
  CANCELLED;

  public boolean isDone() {
    return this == FINISHED || this == FAILED || this == CANCELLED;
  }
}
