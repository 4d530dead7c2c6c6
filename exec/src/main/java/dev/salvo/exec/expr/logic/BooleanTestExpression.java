package dev.salvo.exec.expr.logic;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * NOT and the IS [NOT] NULL / TRUE / FALSE tests, computed eight rows at a time on the validity
 * and value bits. Only NOT can return NULL.
 */
final class BooleanTestExpression implements VectorExpression {
  private final ScalarFunction function;
  private final VectorExpression operand;
  private final DataType type;

  BooleanTestExpression(ScalarFunction function, VectorExpression operand, DataType type) {
    this.function = function;
    this.operand = operand;
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand value = Operand.materialized(operand, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf inValidity = value.vector().getValidityBuffer();
        boolean readsValues = function != ScalarFunction.IS_NULL
            && function != ScalarFunction.IS_NOT_NULL;
        ArrowBuf inValues = readsValues ? value.vector().getDataBuffer() : null;
        ArrowBuf validity = output.getValidityBuffer();
        ArrowBuf values = output.getDataBuffer();
        for (int i = 0; i < Vectors.bitBytes(rowCount); i++) {
          int valid = inValidity.getByte(i);
          int bits = readsValues ? inValues.getByte(i) : 0;
          int result = switch (function) {
            case NOT -> valid & ~bits;
            case IS_NULL -> ~valid;
            case IS_NOT_NULL -> valid;
            case IS_TRUE -> valid & bits;
            case IS_NOT_TRUE -> ~(valid & bits);
            case IS_FALSE -> valid & ~bits;
            case IS_NOT_FALSE -> ~(valid & ~bits);
            default -> throw new IllegalStateException(function.name());
          };
          int mask = Vectors.byteMask(i, rowCount);
          values.setByte(i, result & mask);
          validity.setByte(i, (function == ScalarFunction.NOT ? valid : 0xFF) & mask);
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
    return type;
  }
}
