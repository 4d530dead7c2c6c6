package dev.salvo.exec.function;

/**
 * Receives the events of one query's calls to an {@link ExternalFunction}, so that the executor
 * can show them (EXPLAIN ANALYZE, query progress) without knowing how the function runs. A
 * <em>call</em> is one hand-over of rows to the function's code on one of its instances: a
 * batch function runs once per call, a row-wise one once per row of the call. An
 * implementation of the function reports every call it makes, retries included.
 *
 * <p>Methods are called from any thread, concurrently, and must return quickly; every
 * {@link #callStarted(int)} is followed by exactly one {@link #callFinished(boolean)}, also
 * when the query is cancelled.
 */
public interface ExternalCallListener {
  /** A listener that ignores every event. */
  ExternalCallListener IGNORE = new ExternalCallListener() {
    @Override
    public void callStarted(int attempt) {}

    @Override
    public void callFinished(boolean failed) {}

    @Override
    public void rowsFailed(int rows) {}
  };

  /**
   * A call began. {@code attempt} is 0 for the first call over a set of rows and counts up when
   * rows that failed are handed over again (a retry).
   */
  void callStarted(int attempt);

  /**
   * The call ended; {@code failed} when it threw, timed out, was stopped, or any of its rows
   * failed.
   */
  void callFinished(boolean failed);

  /**
   * {@code rows} rows failed for good, after every retry: the function's error policy now makes
   * them fail the query or become NULL.
   */
  void rowsFailed(int rows);
}
