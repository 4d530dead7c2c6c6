package dev.salvo.exec.pipeline;

import dev.salvo.exec.batch.Batch;

/** Receives the batches an operator emits; each accepted batch is handed over to it. */
@FunctionalInterface
public interface BatchCollector {
  void accept(Batch batch);
}
