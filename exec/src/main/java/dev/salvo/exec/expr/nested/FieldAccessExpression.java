package dev.salvo.exec.expr.nested;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;

/** {@code row.field}: the field's values, NULL wherever the row itself is NULL. */
record FieldAccessExpression(VectorExpression row, int fieldIndex) implements VectorExpression {

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand rows = Operand.materialized(row, input, allocator)) {
      StructVector structs = (StructVector) rows.vector();
      FieldVector field = structs.getChildrenFromFields().get(fieldIndex);
      FieldVector output = Vectors.allocate(type(), rowCount, allocator);
      try {
        for (int index = 0; index < rowCount; index++) {
          if (!structs.isNull(index)) {
            output.copyFromSafe(index, index, field);
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
    return row.type().fields().get(fieldIndex).type().withNullable(true);
  }
}
