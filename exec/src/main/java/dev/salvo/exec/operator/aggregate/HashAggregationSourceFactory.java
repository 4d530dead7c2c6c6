package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.RowType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Emits the groups of a finished hash aggregation; drivers claim ranges of batchSize groups
 * from a shared counter, so several of them can feed the rest of the plan in parallel. Several
 * such sources may read one aggregation, each all of its groups.
 */
public final class HashAggregationSourceFactory implements SourceFactory {
  private final HashAggregationSinkFactory build;
  private final RowType outputType;
  private final AtomicInteger nextGroup = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  public HashAggregationSourceFactory(HashAggregationSinkFactory build, RowType outputType) {
    this.build = build;
    this.outputType = outputType;
    build.addReader();
  }

  @Override
  public int maxDrivers(QueryContext context) {
    long groups = build.result().groupCount();
    return (int) Math.max(1, Math.min(context.parallelism(),
        (groups + context.batchSize() - 1) / context.batchSize()));
  }

  @Override
  public SourceOperator create(QueryContext context) {
    GroupedAggregation result = build.result();
    int batchSize = context.batchSize();
    return new SourceOperator() {
      @Override
      public Batch next() {
        int groups = result.groupCount();
        int first = nextGroup.getAndAdd(batchSize);
        if (first >= groups) {
          nextGroup.set(groups);
          return null;
        }
        return result.output(first, Math.min(batchSize, groups - first), outputType,
            context.allocator());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      build.readerDone();
    }
  }
}
