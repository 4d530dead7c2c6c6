package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.BinaryKernelExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;

/**
 * +, -, *, / and % on integer-stored operands of any width (integers and intervals) computed in
 * {@code long}, with overflow of the result kind and division by zero reported as errors.
 */
final class IntegerArithmeticExpression extends BinaryKernelExpression {
  private final ScalarFunction function;

  IntegerArithmeticExpression(ScalarFunction function, VectorExpression left,
      VectorExpression right, DataType type) {
    super(left, right, type);
    this.function = function;
  }

  @Override
  protected void compute(Operand l, Operand r, ArrowBuf validity, ArrowBuf out,
      int rowCount) {
    ArrowBuf leftData = l.isConstant() ? null : l.vector().getDataBuffer();
    ArrowBuf rightData = r.isConstant() ? null : r.vector().getDataBuffer();
    long leftConstant = l.isConstant() ? l.constant().longValue() : 0;
    long rightConstant = r.isConstant() ? r.constant().longValue() : 0;
    int leftWidth = Vectors.longWidth(left.type().kind());
    int rightWidth = Vectors.longWidth(right.type().kind());
    int outWidth = Vectors.longWidth(type.kind());
    long min = Vectors.minValue(type.kind());
    long max = Vectors.maxValue(type.kind());
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue; // a null row's value is garbage and must not raise an error
      }
      long a = leftData == null ? leftConstant : Vectors.readLong(leftData, leftWidth, i);
      long b = rightData == null ? rightConstant : Vectors.readLong(rightData, rightWidth, i);
      long result = apply(a, b);
      if (result < min || result > max) {
        throw ArithmeticErrors.overflow(function, a, b, type);
      }
      Vectors.writeLong(out, outWidth, i, result);
    }
  }

  private long apply(long a, long b) {
    try {
      return switch (function) {
        case ADD -> Math.addExact(a, b);
        case SUBTRACT -> Math.subtractExact(a, b);
        case MULTIPLY -> Math.multiplyExact(a, b);
        case DIVIDE -> {
          if (b == 0) {
            throw ArithmeticErrors.divisionByZero(function, a, b);
          }
          if (a == Long.MIN_VALUE && b == -1) {
            throw new ArithmeticException("long overflow");
          }
          yield a / b;
        }
        case MODULO -> {
          if (b == 0) {
            throw ArithmeticErrors.divisionByZero(function, a, b);
          }
          yield b == -1 ? 0 : a % b;
        }
        default -> throw new IllegalStateException(function.name());
      };
    } catch (ArithmeticException overflow) {
      throw ArithmeticErrors.overflow(function, a, b, type);
    }
  }

}
