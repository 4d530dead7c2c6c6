package dev.salvo.exec.operator.union;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Collects the batches of every input of a UNION ALL (each input is its own pipeline ending in
 * this one sink); {@link UnionSourceFactory} then emits them. The batches stay in the query's
 * allocator, so the memory limit covers them.
 */
public final class UnionBufferSinkFactory implements SinkFactory {
  private final Deque<Batch> batches = new ArrayDeque<>();
  private boolean closed;

  @Override
  public SinkOperator create(QueryContext context) {
    return new SinkOperator() {
      @Override
      public void push(Batch batch) {
        synchronized (batches) {
          if (closed || batch.rowCount() == 0) {
            batch.close();
            return;
          }
          batches.add(batch);
        }
      }

      @Override
      public void finish() {}
    };
  }

  /** The next collected batch, handed over to the caller; null when none is left. */
  Batch poll() {
    synchronized (batches) {
      return batches.poll();
    }
  }

  int size() {
    synchronized (batches) {
      return batches.size();
    }
  }

  @Override
  public void close() {
    synchronized (batches) {
      closed = true;
      batches.forEach(Batch::close);
      batches.clear();
    }
  }
}
