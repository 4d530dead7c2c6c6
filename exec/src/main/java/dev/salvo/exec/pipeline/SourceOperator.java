package dev.salvo.exec.pipeline;

import dev.salvo.exec.batch.Batch;
import java.util.concurrent.CompletableFuture;

/**
 * The start of a pipeline in one driver: a table scan claiming splits, VALUES rows, or the
 * finished state of a pipeline breaker.
 *
 * <p>Ownership: each returned batch is handed over to the driver. Errors thrown fail the query.
 * Cancellation is checked by the driver between calls.
 */
public interface SourceOperator extends AutoCloseable {
  CompletableFuture<Void> NOT_BLOCKED = CompletableFuture.completedFuture(null);

  /**
   * Done while {@link #next()} can answer at once (a batch or the end); otherwise completes
   * when it can, and the driver gives its thread back meanwhile (an exchange waiting for its
   * producers).
   */
  default CompletableFuture<Void> isBlocked() {
    return NOT_BLOCKED;
  }

  /** The next non-empty batch, or null when this driver's share of the source is exhausted. */
  Batch next();

  /** Releases what the source still holds (an open reader); may be called early and again. */
  @Override
  void close();
}
