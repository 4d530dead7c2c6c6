package dev.salvo.exec.expr.nested;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.ListVector;

/** {@code CARDINALITY(array)}: the number of elements (NULL ones included) of each array. */
record CardinalityExpression(VectorExpression array) implements VectorExpression {

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand arrays = Operand.materialized(array, input, allocator)) {
      ListVector lists = (ListVector) arrays.vector();
      IntVector output = new IntVector("expr", allocator);
      try {
        output.allocateNew(Math.max(rowCount, 1));
        for (int row = 0; row < rowCount; row++) {
          if (!lists.isNull(row)) {
            output.set(row, lists.getElementEndIndex(row) - lists.getElementStartIndex(row));
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
    return DataType.INTEGER.withNullable(array.type().nullable());
  }
}
