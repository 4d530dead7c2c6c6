package dev.salvo.exec.expr.nested;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/** {@code ARRAY[e1, e2, ...]}: one list per row holding each argument's value of that row. */
record ArrayConstructorExpression(List<VectorExpression> elements, DataType type)
    implements VectorExpression {

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    Operand[] operands = new Operand[elements.size()];
    try {
      for (int index = 0; index < operands.length; index++) {
        operands[index] = Operand.materialized(elements.get(index), input, allocator);
      }
      ListVector output = (ListVector) Vectors.allocate(type, rowCount, allocator);
      try {
        FieldVector data = output.getDataVector();
        data.setInitialCapacity(Math.max(1, rowCount * operands.length));
        data.allocateNew();
        for (int row = 0; row < rowCount; row++) {
          int start = output.startNewValue(row);
          for (int index = 0; index < operands.length; index++) {
            data.copyFromSafe(row, start + index, operands[index].vector());
          }
          output.endValue(row, operands.length);
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
