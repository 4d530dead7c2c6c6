package dev.salvo.exec.operator.exchange;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RowCopier;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.runner.QueryContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The producing side of an exchange: each driver splits its batches by partition and queues
 * the pieces in the shared {@link ExchangeBuffer}, waiting (without a thread) while a queue is
 * full. The consuming side is {@link ExchangeSourceFactory}; both run at the same time. A
 * UNION ALL is an exchange with one producing pipeline per input, dealing whole batches to the
 * partitions in turn (see {@link #forUnion}).
 */
public final class ExchangeSinkFactory implements SinkFactory {
  /** Batches a partition may queue before its producers wait: bounds the exchange's memory. */
  static final int QUEUE_CAPACITY = 4;

  /** Null for a union, whose batches go to the partitions whole, in turn. */
  private final ExchangeNode node;
  private final ExchangeBuffer buffer;
  private final AtomicInteger drivers = new AtomicInteger();
  /** Producing pipelines still running; the consumers end after the last one. */
  private final AtomicInteger producingPipelines;

  public ExchangeSinkFactory(ExchangeNode node, QueryContext context) {
    this(node, node.partitions(), 1, context);
  }

  private ExchangeSinkFactory(ExchangeNode node, int partitions, int producingPipelines,
      QueryContext context) {
    this.node = node;
    this.buffer = new ExchangeBuffer(partitions, QUEUE_CAPACITY);
    this.producingPipelines = new AtomicInteger(producingPipelines);
    // A cancelled query must wake every waiting driver and return every queued buffer.
    context.onCancel(buffer::release);
  }

  /**
   * The sink every input pipeline of a UNION ALL ends in, streaming to {@code partitions}
   * consuming drivers: the union holds a few batches per partition, never its whole output.
   */
  public static ExchangeSinkFactory forUnion(int inputs, int partitions, QueryContext context) {
    return new ExchangeSinkFactory(null, partitions, inputs, context);
  }

  ExchangeBuffer buffer() {
    return buffer;
  }

  public int partitions() {
    return buffer.partitions();
  }

  @Override
  public SinkOperator create(QueryContext context) {
    int driver = drivers.getAndIncrement();
    RowPartitioner partitioner = node == null ? null
        : new RowPartitioner(node.partitions(), node.keys(), driver);
    return new SinkOperator() {
      /** A union's partition for the next batch; drivers start apart, so small inputs spread. */
      private int nextPartition = driver % buffer.partitions();

      @Override
      public CompletableFuture<Void> isBlocked() {
        return buffer.producerBlocked();
      }

      @Override
      public void push(Batch batch) {
        try (batch) {
          if (node == null) {
            buffer.add(nextPartition, transfer(batch));
            nextPartition = (nextPartition + 1) % buffer.partitions();
            return;
          }
          if (node.partitions() == 1) {
            buffer.add(0, transfer(batch));
            return;
          }
          int[] assigned = partitioner.assign(batch);
          RowCopier[] pieces = new RowCopier[node.partitions()];
          try {
            for (int row = 0; row < assigned.length; row++) {
              int partition = assigned[row];
              if (pieces[partition] == null) {
                pieces[partition] = new RowCopier(batch, batch.rowCount() / node.partitions() + 1,
                    context.allocator());
              }
              pieces[partition].append(batch, row);
            }
            for (int partition = 0; partition < pieces.length; partition++) {
              if (pieces[partition] != null) {
                Batch piece = pieces[partition].build();
                buffer.add(partition, piece);
              }
            }
          } finally {
            for (RowCopier piece : pieces) {
              if (piece != null) {
                piece.close();
              }
            }
          }
        }
      }

      @Override
      public void finish() {}
    };
  }

  /** A batch owning {@code batch}'s buffers, so the original can be closed. */
  private static Batch transfer(Batch batch) {
    var root = batch.root();
    var vectors = new java.util.ArrayList<org.apache.arrow.vector.FieldVector>();
    for (var vector : root.getFieldVectors()) {
      var pair = vector.getTransferPair(vector.getAllocator());
      pair.transfer();
      vectors.add((org.apache.arrow.vector.FieldVector) pair.getTo());
    }
    return Batch.of(vectors, batch.rowCount());
  }

  @Override
  public void finishPipeline() {
    if (producingPipelines.decrementAndGet() == 0) {
      buffer.finishProducers();
    }
  }

  @Override
  public void close() {
    buffer.release();
  }
}
