package dev.salvo.exec.operator.exchange;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.runner.QueryContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consuming side of an exchange: one driver per partition, each reading only its own
 * partition's queue, so the pipeline above the exchange runs once per partition, in parallel.
 */
public final class ExchangeSourceFactory implements SourceFactory {
  private final ExchangeBuffer buffer;
  private final AtomicInteger nextPartition = new AtomicInteger();

  public ExchangeSourceFactory(ExchangeSinkFactory producer) {
    this.buffer = producer.buffer();
  }

  @Override
  public int maxDrivers(QueryContext context) {
    return buffer.partitions();
  }

  @Override
  public int partitionCount() {
    return buffer.partitions();
  }

  @Override
  public SourceOperator create(QueryContext context) {
    int partition = nextPartition.getAndIncrement();
    if (partition >= buffer.partitions()) {
      throw new IllegalStateException("More drivers than partitions: " + (partition + 1));
    }
    return new SourceOperator() {
      private boolean closed;

      @Override
      public CompletableFuture<Void> isBlocked() {
        return closed ? SourceOperator.NOT_BLOCKED : buffer.consumerBlocked(partition);
      }

      @Override
      public Batch next() {
        return closed ? null : buffer.poll(partition);
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          buffer.consumerGone(partition);
        }
      }
    };
  }

  @Override
  public void close() {
    buffer.release();
  }
}
