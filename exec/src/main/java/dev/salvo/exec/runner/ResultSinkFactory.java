package dev.salvo.exec.runner;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import java.util.concurrent.CompletableFuture;

/** Ends a query's last pipeline: every driver pushes into the query's {@link ResultBuffer}. */
final class ResultSinkFactory implements SinkFactory {
  private final ResultBuffer buffer;

  ResultSinkFactory(ResultBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public SinkOperator create(QueryContext context) {
    return new SinkOperator() {
      @Override
      public CompletableFuture<Void> isBlocked() {
        return buffer.isBlocked();
      }

      @Override
      public void push(Batch batch) {
        context.progress().addOutput(batch.rowCount(), batch.sizeInBytes());
        buffer.add(batch);
      }

      @Override
      public void finish() {}
    };
  }

  @Override
  public void finishPipeline() {
    buffer.finish();
  }
}
