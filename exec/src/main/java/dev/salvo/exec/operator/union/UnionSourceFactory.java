package dev.salvo.exec.operator.union;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.runner.QueryContext;

/** Emits the batches a UNION ALL collected; several drivers may take them in parallel. */
public final class UnionSourceFactory implements SourceFactory {
  private final UnionBufferSinkFactory buffer;

  public UnionSourceFactory(UnionBufferSinkFactory buffer) {
    this.buffer = buffer;
  }

  @Override
  public int maxDrivers(QueryContext context) {
    return Math.max(1, Math.min(context.parallelism(), buffer.size()));
  }

  @Override
  public SourceOperator create(QueryContext context) {
    return new SourceOperator() {
      @Override
      public Batch next() {
        return buffer.poll();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    buffer.close();
  }
}
