package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RowCompaction;
import dev.salvo.exec.expr.VectorExpression;
import java.util.BitSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Evaluates an expression on a subset of a batch's rows: the rows are copied into a smaller
 * batch first (unless the expression reads them {@linkplain InPlaceSelection in place}), so that
 * an expression a CASE branch (or a later AND operand) does not select never sees, and never
 * fails on, the other rows.
 */
public final class RowSelection {
  private RowSelection() {}

  /**
   * Evaluates {@code expression} on rows {@code rows[0..count)} (ascending) of {@code input},
   * copying only the {@code columns} it reads. The result has {@code count} values, in order.
   */
  public static FieldVector evaluate(VectorExpression expression, BitSet columns, Batch input,
      int[] rows, int count, BufferAllocator allocator) {
    if (count == input.rowCount()) {
      return expression.evaluate(input, allocator); // ascending and complete: every row, in order
    }
    if (expression instanceof InPlaceSelection inPlace) {
      FieldVector values = inPlace.evaluateSelected(input, rows, count, allocator);
      if (values != null) {
        return values;
      }
    }
    try (Batch compacted = RowCompaction.compact(input, rows, count, columns, allocator)) {
      return expression.evaluate(compacted, allocator);
    }
  }

  /** The row numbers 0..rowCount-1. */
  public static int[] allRows(int rowCount) {
    int[] rows = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      rows[i] = i;
    }
    return rows;
  }
}
