package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Operations;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.type.DataType;

/** The data errors arithmetic raises, each naming the operation and its operands. */
final class ArithmeticErrors {
  private ArithmeticErrors() {}

  static SalvoException overflow(ScalarFunction function, Object left, Object right,
      DataType type) {
    return new SalvoException(ErrorCode.NUMERIC_OVERFLOW, "Numeric overflow in "
        + function.name() + ": " + describe(function, left, right) + " does not fit "
        + type.sqlName(), Operations.of(function));
  }

  static SalvoException overflow(ScalarFunction function, Object operand, DataType type) {
    return new SalvoException(ErrorCode.NUMERIC_OVERFLOW, "Numeric overflow in "
        + function.name() + ": " + function.name() + "(" + text(operand) + ") does not fit "
        + type.sqlName(), Operations.of(function));
  }

  static SalvoException divisionByZero(ScalarFunction function, Object left, Object right) {
    return new SalvoException(ErrorCode.DIVISION_BY_ZERO,
        "Division by zero: " + describe(function, left, right), Operations.of(function));
  }

  static String describe(ScalarFunction function, Object left, Object right) {
    String symbol = switch (function) {
      case ADD -> "+";
      case SUBTRACT -> "-";
      case MULTIPLY -> "*";
      case DIVIDE -> "/";
      case MODULO -> "%";
      default -> function.name();
    };
    return text(left) + " " + symbol + " " + text(right);
  }

  private static String text(Object value) {
    return value instanceof java.math.BigDecimal decimal ? decimal.toPlainString()
        : String.valueOf(value);
  }
}
