package dev.salvo.exec.pipeline;

import dev.salvo.exec.batch.Batch;
import java.util.concurrent.CompletableFuture;

/**
 * The end of a pipeline in one driver: a breaker's per-driver state (a partial aggregation, a
 * locally sorted run) or the query's bounded result queue.
 *
 * <p>Backpressure: the driver pushes only while {@link #isBlocked()} is done; otherwise it yields
 * its thread and is re-scheduled when the future completes, so no pool thread ever waits.
 *
 * <p>Ownership: {@link #push} takes the batch, also when it throws. Errors fail the query; the
 * driver then closes the sink without calling {@link #finish()}.
 */
public interface SinkOperator extends AutoCloseable {
  CompletableFuture<Void> NOT_BLOCKED = CompletableFuture.completedFuture(null);

  /** Done while the sink accepts input; otherwise completes when it does again. */
  default CompletableFuture<Void> isBlocked() {
    return NOT_BLOCKED;
  }

  void push(Batch batch);

  /** This driver's input has ended: hand the local state to the pipeline's shared state. */
  void finish();

  /** Releases what this driver still holds; called once, after {@link #finish} or a failure. */
  @Override
  default void close() {}
}
