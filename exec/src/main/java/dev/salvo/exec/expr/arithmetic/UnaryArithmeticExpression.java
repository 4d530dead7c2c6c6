package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** NEGATE and ABS of a number (or interval) whose type is already the result type. */
final class UnaryArithmeticExpression implements VectorExpression {
  private final ScalarFunction function;
  private final VectorExpression operand;
  private final DataType type;

  UnaryArithmeticExpression(ScalarFunction function, VectorExpression operand, DataType type) {
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
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, value.vector());
        ArrowBuf in = value.vector().getDataBuffer();
        ArrowBuf out = output.getDataBuffer();
        boolean negate = function == ScalarFunction.NEGATE;
        TypeKind kind = type.kind();
        if (kind == TypeKind.DECIMAL) {
          decimals(in, out, validity, rowCount, negate);
        } else if (kind == TypeKind.DOUBLE || kind == TypeKind.REAL) {
          int width = Vectors.doubleWidth(kind);
          for (int i = 0; i < rowCount; i++) {
            double x = Vectors.readDouble(in, width, i);
            Vectors.writeDouble(out, width, i, negate ? -x : Math.abs(x));
          }
        } else {
          longs(in, out, validity, rowCount, negate);
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private void longs(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount,
      boolean negate) {
    int width = Vectors.longWidth(type.kind());
    long max = Vectors.maxValue(type.kind());
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long x = Vectors.readLong(in, width, i);
      long result = negate || x < 0 ? -x : x;
      if (x == Long.MIN_VALUE || result > max) {
        throw ArithmeticErrors.overflow(function, x, type);
      }
      Vectors.writeLong(out, width, i, result);
    }
  }

  private void decimals(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount,
      boolean negate) {
    int scale = type.scale();
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long x = Decimals.readLow(in, i);
      if (Decimals.fitsInLong(in, i, x) && x != Long.MIN_VALUE) {
        Decimals.write(out, i, negate || x < 0 ? -x : x);
      } else {
        BigDecimal value = Decimals.read(in, i, scale);
        Decimals.write(out, i, negate ? value.negate() : value.abs());
      }
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
