package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.expr.datetime.DateTimeCompiler;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;

/**
 * Compiles ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, NEGATE, ABS, ROUND, FLOOR and CEIL. The
 * planner does not cast mixed numeric operands, so operands are brought to the call's result
 * kind here: integers widen to DECIMAL with scale 0, and anything meeting a DOUBLE becomes one.
 */
public final class ArithmeticCompiler {
  private ArithmeticCompiler() {}

  public static VectorExpression compile(Call call) {
    ScalarFunction function = call.function();
    return switch (function) {
      case NEGATE, ABS -> new UnaryArithmeticExpression(function,
          toResultKind(ExpressionCompiler.compile(call.arguments().get(0)), call.type()),
          call.type());
      case ROUND, FLOOR, CEIL -> rounding(call);
      default -> binary(call);
    };
  }

  private static VectorExpression binary(Call call) {
    DataType type = call.type();
    TypeKind leftKind = call.arguments().get(0).type().kind();
    TypeKind rightKind = call.arguments().get(1).type().kind();
    if (isDateTime(leftKind) || isDateTime(rightKind) || isDateTime(type.kind())) {
      return DateTimeCompiler.compileArithmetic(call);
    }
    VectorExpression left = ExpressionCompiler.compile(call.arguments().get(0));
    VectorExpression right = ExpressionCompiler.compile(call.arguments().get(1));
    TypeKind kind = type.kind();
    if (kind == TypeKind.DECIMAL) {
      return new DecimalArithmeticExpression(call.function(), toDecimal(left, type),
          toDecimal(right, type), type);
    }
    if (kind == TypeKind.DOUBLE || kind == TypeKind.REAL) {
      return new DoubleArithmeticExpression(call.function(), toDouble(left), toDouble(right),
          type);
    }
    if (Vectors.isLongBacked(kind) && kind != TypeKind.BOOLEAN) {
      return new IntegerArithmeticExpression(call.function(), toLongBacked(left, type),
          toLongBacked(right, type), type);
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        call.function() + " is not supported for " + type.sqlName());
  }

  private static VectorExpression rounding(Call call) {
    int digits = 0;
    if (call.arguments().size() > 1) {
      if (!(call.arguments().get(1) instanceof Literal literal)
          || !(literal.value() instanceof Number number)) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            call.function() + " needs a constant integer number of digits: " + call);
      }
      digits = number.intValue();
    }
    VectorExpression operand = ExpressionCompiler.compile(call.arguments().get(0));
    if (!operand.type().kind().isNumeric()) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          call.function() + " is not supported for " + operand.type().sqlName());
    }
    return CastCompiler.coerce(new RoundingExpression(call.function(), operand, digits),
        call.type());
  }

  private static boolean isDateTime(TypeKind kind) {
    return kind == TypeKind.DATE || kind == TypeKind.TIME || kind == TypeKind.TIMESTAMP;
  }

  private static VectorExpression toResultKind(VectorExpression operand, DataType type) {
    return CastCompiler.coerce(operand, type);
  }

  private static VectorExpression toDecimal(VectorExpression operand, DataType type) {
    TypeKind kind = operand.type().kind();
    if (kind == TypeKind.DECIMAL) {
      return operand;
    }
    if (kind.isInteger()) {
      return CastCompiler.cast(operand, DataType.decimal(Decimals.integerDigits(kind), 0));
    }
    return CastCompiler.cast(operand, DataType.decimal(DataType.MAX_DECIMAL_PRECISION,
        type.scale()));
  }

  private static VectorExpression toDouble(VectorExpression operand) {
    TypeKind kind = operand.type().kind();
    return kind == TypeKind.DOUBLE || kind == TypeKind.REAL ? operand
        : CastCompiler.cast(operand, DataType.DOUBLE);
  }

  private static VectorExpression toLongBacked(VectorExpression operand, DataType type) {
    TypeKind kind = operand.type().kind();
    return Vectors.isLongBacked(kind) && kind != TypeKind.BOOLEAN ? operand
        : CastCompiler.cast(operand, type);
  }
}
