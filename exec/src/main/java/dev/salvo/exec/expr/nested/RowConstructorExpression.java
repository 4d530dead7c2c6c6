package dev.salvo.exec.expr.nested;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;

/** {@code ROW(f1, f2, ...)}: a struct per row whose fields are the arguments' values. */
record RowConstructorExpression(List<VectorExpression> fields, DataType type)
    implements VectorExpression {

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    Operand[] operands = new Operand[fields.size()];
    try {
      for (int index = 0; index < operands.length; index++) {
        operands[index] = Operand.materialized(fields.get(index), input, allocator);
      }
      StructVector output = (StructVector) Vectors.allocate(type, rowCount, allocator);
      try {
        List<FieldVector> children = output.getChildrenFromFields();
        for (int index = 0; index < operands.length; index++) {
          FieldVector child = children.get(index);
          FieldVector source = operands[index].vector();
          for (int row = 0; row < rowCount; row++) {
            child.copyFromSafe(row, row, source);
          }
        }
        for (int row = 0; row < rowCount; row++) {
          output.setIndexDefined(row);
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    } finally {
      Operand.closeAll(operands);
    }
  }
}
