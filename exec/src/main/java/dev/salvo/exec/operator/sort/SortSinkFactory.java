package dev.salvo.exec.operator.sort;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RetainedBatches;
import dev.salvo.exec.batch.RowCompaction;
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
    /**
     * Once {@code limit} rows are kept, the last of them in order, in the batch it was kept in
     * (one of {@link #batches}); null before. A row that does not sort before it can never be
     * among the first {@code limit}: it is dropped on arrival, so a top-N sorts only the few
     * rows that could still make it.
     */
    private Batch boundary;
    private int boundaryRow;
    private int[] better = new int[0];

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
      if (boundary != null) {
        batch = keepRowsBeforeBoundary(batch);
        if (batch == null) {
          return;
        }
      }
      rowCount += batch.rowCount();
      batches.add(RetainedBatches.compact(batch, allocator));
      if (rowCount > compactionThreshold) {
        compact();
      }
    }

    /**
     * The rows of {@code batch} (taken over) that sort before the boundary, or null when none
     * does. Rows equal to it may go too: the order among ties is not defined.
     */
    private Batch keepRowsBeforeBoundary(Batch batch) {
      int rows = batch.rowCount();
      if (better.length < rows) {
        better = new int[rows];
      }
      int count = 0;
      for (int row = 0; row < rows; row++) {
        if (comparator.compare(batch, row, boundary, boundaryRow) < 0) {
          better[count++] = row;
        }
      }
      if (count == rows) {
        return batch;
      }
      try (batch) {
        return count == 0 ? null : RowCompaction.compact(batch, better, count, allocator);
      }
    }

    /** Keeps only the first {@code limit} rows, copied into one new batch. */
    private void compact() {
      boundary = null;
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
        if (rowCount == limit) {
          boundary = kept;
          boundaryRow = kept.rowCount() - 1;
        }
      }
    }

    @Override
    public void finish() {
      boundary = null;
      List<Batch> taken = batches;
      batches = new ArrayList<>();
      rowCount = 0;
      if (!taken.isEmpty()) {
        addRun(SortedRun.sort(taken, comparator, limit));
      }
    }

    @Override
    public void close() {
      boundary = null;
      batches.forEach(Batch::close);
      batches.clear();
    }
  }
}
