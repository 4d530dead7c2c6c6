package dev.salvo.exec.operator.filter;

import dev.salvo.exec.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** Keeps the rows of a batch whose condition value is TRUE (neither FALSE nor NULL). */
public final class RowFilter {
  private RowFilter() {}

  /**
   * Applies {@code condition} (one value per row; null means no row passes) to {@code input},
   * which this method takes over: the result is {@code input} itself when every row passes, a
   * compacted copy otherwise (the input is then closed), or null when no row passes.
   */
  public static Batch apply(Batch input, FieldVector condition, BufferAllocator allocator) {
    try {
      int rowCount = input.rowCount();
      if (!(condition instanceof BitVector mask) || rowCount == 0) {
        input.close();
        return null;
      }
      int[] selected = new int[rowCount];
      int count = 0;
      boolean noNulls = mask.getNullCount() == 0;
      for (int row = 0; row < rowCount; row++) {
        if ((noNulls || !mask.isNull(row)) && mask.get(row) != 0) {
          selected[count++] = row;
        }
      }
      if (count == rowCount) {
        return input;
      }
      Batch result = count == 0 ? null : compact(input, selected, count, allocator);
      input.close();
      return result;
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /** A new batch holding rows {@code selected[0..count)} of {@code input}, which stays open. */
  public static Batch compact(Batch input, int[] selected, int count, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(input.columnCount());
    try {
      for (FieldVector source : input.columns()) {
        FieldVector target = source.getField().createVector(allocator);
        columns.add(target);
        target.setInitialCapacity(count);
        target.allocateNew();
        if (target instanceof BaseFixedWidthVector) {
          for (int i = 0; i < count; i++) {
            target.copyFrom(selected[i], i, source);
          }
        } else {
          for (int i = 0; i < count; i++) {
            target.copyFromSafe(selected[i], i, source);
          }
        }
        target.setValueCount(count);
      }
      return Batch.of(columns, count);
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
  }
}
