package dev.salvo.exec.expr.nested;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * {@code array[index]}, 1-based as in SQL. An index outside the array gives NULL rather than an
 * error, as Calcite's ITEM operator does, so that probing a short array in a filter is safe.
 */
record ElementAtExpression(VectorExpression array, VectorExpression index)
    implements VectorExpression {

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand arrays = Operand.materialized(array, input, allocator);
        Operand indexes = Operand.of(index, input, allocator)) {
      ListVector lists = (ListVector) arrays.vector();
      FieldVector elements = lists.getDataVector();
      FieldVector output = Vectors.allocate(type(), rowCount, allocator);
      try {
        for (int row = 0; row < rowCount; row++) {
          Object position = indexes.value(row);
          if (position == null || lists.isNull(row)) {
            continue;
          }
          long offset = ((Number) position).longValue();
          int start = lists.getElementStartIndex(row);
          int length = lists.getElementEndIndex(row) - start;
          if (offset >= 1 && offset <= length) {
            output.copyFromSafe(start + (int) offset - 1, row, elements);
          }
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  @Override
  public DataType type() {
    return array.type().elementType().withNullable(true);
  }
}
