package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;

/**
 * Reads a query's rows that no page has handed out yet, one batch at a time, for a response that
 * streams the whole result. Not thread-safe: one request thread uses it.
 */
public final class ResultReader implements AutoCloseable {
  private final ManagedQuery query;

  ResultReader(ManagedQuery query) {
    this.query = query;
  }

  public ManagedQuery query() {
    return query;
  }

  /**
   * The next batch, or null at the end; waits while the query is queued or computing. The batch
   * stays valid until the next call or {@link #close()}, which release it: the caller must not
   * close it.
   *
   * @throws dev.salvo.exec.error.SalvoException why the query failed, QUERY_CANCELLED when it
   *     was cancelled, QUERY_RESULTS_EXPIRED when its results expired
   */
  public Batch next() {
    return query.readNext(this);
  }

  /** Releases the batch last returned and lets pages (or another reader) go on. */
  @Override
  public void close() {
    query.closeReader(this);
  }
}
