package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** +, -, *, / and % on REAL and DOUBLE operands; dividing by zero is an error, as in SQL. */
final class DoubleArithmeticExpression implements VectorExpression {
  private final ScalarFunction function;
  private final VectorExpression left;
  private final VectorExpression right;
  private final DataType type;

  DoubleArithmeticExpression(ScalarFunction function, VectorExpression left,
      VectorExpression right, DataType type) {
    this.function = function;
    this.left = left;
    this.right = right;
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand l = Operand.of(left, input, allocator);
        Operand r = Operand.of(right, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, l.vector(), r.vector());
        compute(l, r, validity, output.getDataBuffer(), rowCount);
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private void compute(Operand l, Operand r, ArrowBuf validity, ArrowBuf out, int rowCount) {
    ArrowBuf leftData = l.isConstant() ? null : l.vector().getDataBuffer();
    ArrowBuf rightData = r.isConstant() ? null : r.vector().getDataBuffer();
    double leftConstant = l.isConstant() ? l.constant().doubleValue() : 0;
    double rightConstant = r.isConstant() ? r.constant().doubleValue() : 0;
    int leftWidth = Vectors.doubleWidth(left.type().kind());
    int rightWidth = Vectors.doubleWidth(right.type().kind());
    int outWidth = Vectors.doubleWidth(type.kind());
    boolean divides = function == ScalarFunction.DIVIDE || function == ScalarFunction.MODULO;
    for (int i = 0; i < rowCount; i++) {
      double a = leftData == null ? leftConstant : Vectors.readDouble(leftData, leftWidth, i);
      double b = rightData == null ? rightConstant : Vectors.readDouble(rightData, rightWidth, i);
      if (divides && b == 0 && Vectors.isSet(validity, i)) {
        throw ArithmeticErrors.divisionByZero(function, a, b);
      }
      double result = switch (function) {
        case ADD -> a + b;
        case SUBTRACT -> a - b;
        case MULTIPLY -> a * b;
        case DIVIDE -> a / b;
        case MODULO -> a % b;
        default -> throw new IllegalStateException(function.name());
      };
      Vectors.writeDouble(out, outWidth, i, result);
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
