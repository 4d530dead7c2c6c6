package dev.salvo.exec.pipeline;

import dev.salvo.exec.runner.QueryContext;

/**
 * Creates the per-driver sources of a pipeline; the work they share (a queue of table splits,
 * a breaker's result) lives in this factory and is thread-safe.
 */
public interface SourceFactory {
  /**
   * How many drivers can usefully read this source at once; asked when the pipeline starts,
   * after the pipelines it depends on have finished. 1 keeps the output in a single order.
   */
  int maxDrivers(QueryContext context);

  SourceOperator create(QueryContext context);

  /** Releases shared state that no driver has taken (called when the query ends). */
  default void close() {}
}
