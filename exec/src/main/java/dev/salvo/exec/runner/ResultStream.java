package dev.salvo.exec.runner;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.RowType;

/**
 * The result of a running query, read one batch at a time. Production is bounded: a consumer
 * that stops reading slows the query down rather than letting results pile up.
 * Closing the stream before its end cancels the query; either way, closing waits until every
 * driver has stopped and released its buffers.
 */
public interface ResultStream extends AutoCloseable {
  RowType rowType();

  /**
   * The next batch, handed over to the caller (who closes it), or null at the end. Blocks while
   * the query is still computing.
   *
   * @throws dev.salvo.exec.error.SalvoException when the query failed or was cancelled
   */
  Batch next();

  /**
   * Messages about the statement that did not stop it (an unknown hint that had no effect),
   * to show the user with the result.
   */
  default java.util.List<String> warnings() {
    return java.util.List.of();
  }

  /** Cancels the query; {@link #next()} then throws QUERY_CANCELLED. */
  void cancel();

  @Override
  void close();
}
