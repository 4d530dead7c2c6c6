package dev.salvo.exec.operator.sort;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.runner.QueryContext;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the sorted runs of a {@link SortSinkFactory} into one ordered stream, skipping the
 * offset and stopping after the fetch. A single driver, so the order survives downstream.
 */
public final class SortSourceFactory implements SourceFactory {
  private final SortSinkFactory sort;
  private final long offset;
  private final long fetch;

  public SortSourceFactory(SortSinkFactory sort, SortNode node) {
    this.sort = sort;
    this.offset = Math.max(0, node.offset());
    this.fetch = node.fetch();
  }

  @Override
  public int maxDrivers(QueryContext context) {
    return 1;
  }

  @Override
  public SourceOperator create(QueryContext context) {
    return new MergeSource(sort.takeRuns(), context);
  }

  @Override
  public void close() {
    sort.close();
  }

  /** Position of one run in the k-way merge. */
  private static final class Cursor {
    final SortedRun run;
    final int runIndex;
    int position;

    Cursor(SortedRun run, int runIndex) {
      this.run = run;
      this.runIndex = runIndex;
    }
  }

  /** A k-way merge over the runs with a heap of cursors, ties going to the earlier run. */
  private final class MergeSource implements SourceOperator {
    private final List<SortedRun> runs;
    private final QueryContext context;
    private final PriorityQueue<Cursor> heap;
    private long offsetLeft = offset;
    private long fetchLeft = fetch;

    MergeSource(List<SortedRun> runs, QueryContext context) {
      this.runs = runs;
      this.context = context;
      RowComparator comparator = sort.comparator();
      this.heap = new PriorityQueue<>(Math.max(1, runs.size()), (left, right) -> {
        int comparison = comparator.compare(left.run.batchAt(left.position),
            left.run.rowAt(left.position), right.run.batchAt(right.position),
            right.run.rowAt(right.position));
        return comparison != 0 ? comparison : Integer.compare(left.runIndex, right.runIndex);
      });
      for (int i = 0; i < runs.size(); i++) {
        if (runs.get(i).length() > 0) {
          heap.add(new Cursor(runs.get(i), i));
        }
      }
    }

    @Override
    public Batch next() {
      if (heap.isEmpty() || fetchLeft == 0) {
        close();
        return null;
      }
      int capacity = context.batchSize();
      if (fetchLeft > 0) {
        capacity = (int) Math.min(capacity, fetchLeft);
      }
      Cursor first = heap.peek();
      try (BatchBuilder builder = new BatchBuilder(first.run.batchAt(first.position), capacity,
          context.allocator())) {
        while (builder.rowCount() < capacity && !heap.isEmpty()) {
          Cursor cursor = heap.poll();
          if (offsetLeft > 0) {
            offsetLeft--;
          } else {
            builder.append(cursor.run.batchAt(cursor.position), cursor.run.rowAt(cursor.position));
            if (fetchLeft > 0) {
              fetchLeft--;
            }
          }
          cursor.position++;
          if (cursor.position < cursor.run.length()) {
            heap.add(cursor);
          }
        }
        if (builder.rowCount() == 0) {
          close();
          return null;
        }
        return builder.build();
      }
    }

    @Override
    public void close() {
      heap.clear();
      runs.forEach(SortedRun::close);
      runs.clear();
    }
  }
}
