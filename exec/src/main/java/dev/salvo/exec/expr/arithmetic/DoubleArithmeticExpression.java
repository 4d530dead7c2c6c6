package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.BinaryKernelExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;

/** +, -, *, / and % on REAL and DOUBLE operands; dividing by zero is an error, as in SQL. */
final class DoubleArithmeticExpression extends BinaryKernelExpression {
  private final ScalarFunction function;

  DoubleArithmeticExpression(ScalarFunction function, VectorExpression left,
      VectorExpression right, DataType type) {
    super(left, right, type);
    this.function = function;
  }

  @Override
  protected void compute(Operand l, Operand r, ArrowBuf validity, ArrowBuf out,
      int rowCount) {
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

}
