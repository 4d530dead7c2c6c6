package dev.salvo.exec.connector;

import dev.salvo.exec.batch.Batch;

/** Reads one split's batches in order; closing it releases anything it still holds. */
public interface BatchReader extends AutoCloseable {
  /** The next batch, handed over to the caller, or null when the split is exhausted. */
  Batch next();

  @Override
  void close();
}
