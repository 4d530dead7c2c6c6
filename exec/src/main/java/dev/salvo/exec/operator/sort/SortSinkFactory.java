package dev.salvo.exec.operator.sort;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RetainedBatches;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The input side of a sort, a pipeline breaker: each driver sorts its own rows into a run;
 * {@link SortSourceFactory} merges the runs. With a fetch it is a top-N: a driver keeps only
 * the first offset + fetch rows, compacting its buffer whenever it grows past twice that.
 */
public final class SortSinkFactory implements SinkFactory {
  private final RowComparator comparator;
  /** Rows each driver must keep (offset + fetch), or -1 for a full sort. */
  private final long limit;
  private final List<SortedRun> runs = new ArrayList<>();
  private boolean closed;

  public SortSinkFactory(SortNode node) {
    this.comparator = new RowComparator(node.keys(), node.input().outputType());
    long keep = node.fetch() < 0 ? -1 : Math.max(0, node.offset()) + node.fetch();
    this.limit = keep < 0 || keep > Integer.MAX_VALUE / 4 ? -1 : keep;
  }

  RowComparator comparator() {
    return comparator;
  }

  @Override
  public SinkOperator create(QueryContext context) {
    return new SortSink(context.allocator(), context.batchSize());
  }

  private void addRun(SortedRun run) {
    synchronized (runs) {
      if (closed) {
        run.close();
      } else {
        runs.add(run);
      }
    }
  }

  /** Hands the runs over to the caller (the merging source). */
  List<SortedRun> takeRuns() {
    synchronized (runs) {
      List<SortedRun> taken = new ArrayList<>(runs);
      runs.clear();
      return taken;
    }
  }

  @Override
  public void close() {
    synchronized (runs) {
      closed = true;
      runs.forEach(SortedRun::close);
      runs.clear();
    }
  }

  /** One driver's buffered rows. */
  private final class SortSink implements SinkOperator {
    private final BufferAllocator allocator;
    private final long compactionThreshold;
    private List<Batch> batches = new ArrayList<>();
    private long rowCount;

    SortSink(BufferAllocator allocator, int batchSize) {
      this.allocator = allocator;
      this.compactionThreshold = limit < 0 ? Long.MAX_VALUE : Math.max(2 * limit, batchSize);
    }

    @Override
    public void push(Batch batch) {
      if (batch.rowCount() == 0 || limit == 0) {
        batch.close();
        return;
      }
      rowCount += batch.rowCount();
      batches.add(RetainedBatches.compact(batch, allocator));
      if (rowCount > compactionThreshold) {
        compact();
      }
    }

    /** Keeps only the first {@code limit} rows, copied into one new batch. */
    private void compact() {
      try (SortedRun run = SortedRun.sort(batches, comparator, limit);
          BatchBuilder builder = new BatchBuilder(run.batchAt(0), run.length(), allocator)) {
        batches = new ArrayList<>();
        rowCount = 0;
        for (int position = 0; position < run.length(); position++) {
          builder.append(run.batchAt(position), run.rowAt(position));
        }
        Batch kept = builder.build();
        batches.add(kept);
        rowCount = kept.rowCount();
      }
    }

    @Override
    public void finish() {
      List<Batch> taken = batches;
      batches = new ArrayList<>();
      rowCount = 0;
      if (!taken.isEmpty()) {
        addRun(SortedRun.sort(taken, comparator, limit));
      }
    }

    @Override
    public void close() {
      batches.forEach(Batch::close);
      batches.clear();
    }
  }
}
