package dev.salvo.exec.pipeline;

import dev.salvo.exec.batch.Batch;
import java.util.concurrent.CompletableFuture;

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
 *
 * <p>Asynchronous operators (calls to an external function): such an operator may hold batches
 * whose output is not ready yet. {@link #isBlocked()} tells the driver not to push more input (or,
 * after {@link #finish}, that output is still pending) and completes when that may change; the
 * driver then calls {@link #emitReady} to collect what became ready. The driver never waits on a
 * thread: it yields and is resumed when the future completes. Operators that emit synchronously
 * keep the defaults.
 */
public interface Operator extends AutoCloseable {
  /** Consumes {@code input}, emitting zero or more batches to {@code output}. */
  void process(Batch input, BatchCollector output);

  /** Done future of an operator that is never blocked. */
  CompletableFuture<Void> NOT_BLOCKED = CompletableFuture.completedFuture(null);

  /**
   * The driver's input has ended: emit whatever this operator still holds, or (an asynchronous
   * operator) what is ready now, reporting the rest through {@link #isBlocked()}.
   */
  default void finish(BatchCollector output) {}

  /**
   * Done while this operator accepts input and, after {@link #finish}, once it has emitted
   * everything; otherwise a future that completes when that may have changed.
   */
  default CompletableFuture<Void> isBlocked() {
    return NOT_BLOCKED;
  }

  /** Emits output that became ready since the last call, without waiting for more. */
  default void emitReady(BatchCollector output) {}

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
