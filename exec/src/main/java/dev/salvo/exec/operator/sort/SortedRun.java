package dev.salvo.exec.operator.sort;

import dev.salvo.exec.batch.Batch;
import java.util.List;

/**
 * One driver's rows in sorted order: the batches it received plus the order of their rows,
 * each row encoded as {@code batchIndex << 32 | row}. Owns the batches until closed.
 */
final class SortedRun implements AutoCloseable {
  private final List<Batch> batches;
  private final long[] order;
  private final int length;

  private SortedRun(List<Batch> batches, long[] order, int length) {
    this.batches = batches;
    this.order = order;
    this.length = length;
  }

  /** Sorts the rows of {@code batches} (taken over) and keeps the first {@code limit} of them. */
  static SortedRun sort(List<Batch> batches, RowComparator comparator, long limit) {
    int total = 0;
    for (Batch batch : batches) {
      total += batch.rowCount();
    }
    long[] order = new long[total];
    int position = 0;
    for (int b = 0; b < batches.size(); b++) {
      int rows = batches.get(b).rowCount();
      for (int row = 0; row < rows; row++) {
        order[position++] = ((long) b << 32) | row;
      }
    }
    LongMergeSort.sort(order, total, (left, right) -> comparator.compare(
        batches.get((int) (left >>> 32)), (int) left,
        batches.get((int) (right >>> 32)), (int) right));
    int length = limit >= 0 ? (int) Math.min(limit, total) : total;
    return new SortedRun(batches, order, length);
  }

  int length() {
    return length;
  }

  Batch batchAt(int position) {
    return batches.get((int) (order[position] >>> 32));
  }

  int rowAt(int position) {
    return (int) order[position];
  }

  @Override
  public void close() {
    for (Batch batch : batches) {
      batch.close();
    }
    batches.clear();
  }
}
