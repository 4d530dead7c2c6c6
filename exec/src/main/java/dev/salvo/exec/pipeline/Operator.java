package dev.salvo.exec.pipeline;

import dev.salvo.exec.batch.Batch;

/**
 * A streaming operator in the middle of a pipeline: one instance per driver, so it may keep
 * state without locking; state shared by the drivers of a pipeline lives in its factory.
 *
 * <p>Ownership: {@link #process} receives its input batch and must close it (or hand its vectors
 * on) exactly once, also when it throws. Batches it emits belong to the collector.
 *
 * <p>Errors: any exception fails the whole query; the driver then closes every operator.
 *
 * <p>Cancellation: operators need not check it; the driver checks
 * {@link dev.salvo.exec.runner.QueryContext#checkCancelled()} between batches. An operator that
 * loops for long over one batch may check it too.
 */
public interface Operator extends AutoCloseable {
  /** Consumes {@code input}, emitting zero or more batches to {@code output}. */
  void process(Batch input, BatchCollector output);

  /** The driver's input has ended: emit whatever this operator still holds. */
  default void finish(BatchCollector output) {}

  /**
   * True once this operator needs no more input (a LIMIT that has all its rows): the driver
   * then stops reading its source, so the upstream work of the pipeline stops early.
   */
  default boolean isFinished() {
    return false;
  }

  /** Releases everything this operator holds; called once, after success or failure. */
  @Override
  default void close() {}
}
