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

  /**
   * Positive for a partitioned source (the consuming side of an exchange): the pipeline then
   * runs exactly this many drivers, one per partition, whatever the query's parallelism; the
   * shared pool still bounds how many run at the same moment.
   */
  default int partitionCount() {
    return 0;
  }

  /** Releases shared state that no driver has taken (called when the query ends). */
  default void close() {}
}
