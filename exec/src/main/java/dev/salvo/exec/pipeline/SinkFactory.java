package dev.salvo.exec.pipeline;

import dev.salvo.exec.runner.QueryContext;

/**
 * Creates the per-driver sinks of a pipeline and combines their states when every driver of
 * the pipeline has finished (partial aggregates merged into the final one, sorted runs made
 * ready for merging).
 */
public interface SinkFactory {
  SinkOperator create(QueryContext context);

  /** Called once, after every driver's {@link SinkOperator#finish()}, before dependents start. */
  default void finishPipeline() {}

  /** Releases the combined state (called when the query ends, whether it succeeded or not). */
  default void close() {}
}
