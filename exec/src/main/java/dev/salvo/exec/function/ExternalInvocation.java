package dev.salvo.exec.function;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.vector.FieldVector;

/**
 * One query's hold on an {@link ExternalFunction}; safe to call from several drivers at once and
 * closed once, when the query's execution ends.
 */
public interface ExternalInvocation extends AutoCloseable {
  /**
   * Starts evaluating the function over the first {@code rowCount} rows of {@code arguments} and
   * returns at once. The argument vectors stay owned by the caller, who keeps them open until the
   * future completes. The result vector, of the function's return type with {@code rowCount}
   * values, belongs to the caller. A failure completes the future exceptionally, preferably with
   * a {@link dev.salvo.exec.error.SalvoException} naming the function and the row.
   */
  CompletableFuture<FieldVector> evaluateAsync(List<FieldVector> arguments,
      int rowCount);

  @Override
  void close();
}
