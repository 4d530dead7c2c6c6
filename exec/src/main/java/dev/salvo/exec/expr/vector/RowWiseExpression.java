package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.type.DataType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Applies a function to the Java values of each row. Used for the functions where per-row work
 * dominates anyway (string manipulation, parsing and formatting casts), never for the hot
 * arithmetic and comparison paths.
 */
public final class RowWiseExpression implements VectorExpression {
  /** The per-row function; its result must already be valid for the output type. */
  @FunctionalInterface
  public interface RowFunction {
    Object apply(Object[] arguments);
  }

  private final List<VectorExpression> arguments;
  private final DataType type;
  private final RowFunction function;

  /** A function that returns NULL, without being called, when any argument is NULL. */
  public RowWiseExpression(List<VectorExpression> arguments, DataType type, RowFunction function) {
    this.arguments = List.copyOf(arguments);
    this.type = type;
    this.function = function;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    Operand[] operands = Operand.ofAll(arguments, input, allocator);
    try {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        Object[] values = new Object[operands.length];
        rows:
        for (int row = 0; row < rowCount; row++) {
          for (int a = 0; a < operands.length; a++) {
            values[a] = operands[a].value(row);
            if (values[a] == null) {
              continue rows;
            }
          }
          Object result = function.apply(values);
          if (result != null) {
            VectorValues.set(output, row, result);
          }
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

  @Override
  public DataType type() {
    return type;
  }
}
