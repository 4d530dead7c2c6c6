package dev.salvo.exec.expr.datetime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.expr.datetime.DateTimeArithmeticExpression.Operation;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;

/** Compiles date/time arithmetic (ADD and SUBTRACT with intervals) and the EXTRACT functions. */
public final class DateTimeCompiler {
  private DateTimeCompiler() {}

  /** ADD or SUBTRACT where an operand or the result is a DATE, TIME or TIMESTAMP. */
  public static VectorExpression compileArithmetic(Call call) {
    VectorExpression left = ExpressionCompiler.compile(call.arguments().get(0));
    VectorExpression right = ExpressionCompiler.compile(call.arguments().get(1));
    if (call.function() == ScalarFunction.ADD && left.type().kind().isInterval()) {
      VectorExpression swapped = left; // INTERVAL + DATE is DATE + INTERVAL
      left = right;
      right = swapped;
    }
    int sign = call.function() == ScalarFunction.SUBTRACT ? -1 : 1;
    DataType type = call.type();
    TypeKind leftKind = left.type().kind();
    TypeKind rightKind = right.type().kind();
    TypeKind resultKind = type.kind();
    if (rightKind.isInterval() && (call.function() == ScalarFunction.ADD || sign < 0)) {
      boolean months = rightKind == TypeKind.INTERVAL_YEAR_MONTH;
      Operation operation = switch (leftKind) {
        case DATE -> {
          if (resultKind == TypeKind.TIMESTAMP) {
            yield months ? Operation.DATE_PLUS_MONTHS_AS_TIMESTAMP
                : Operation.DATE_PLUS_MILLIS_AS_TIMESTAMP;
          }
          yield months ? Operation.DATE_PLUS_MONTHS : Operation.DATE_PLUS_MILLIS_AS_DATE;
        }
        case TIMESTAMP -> months ? Operation.TIMESTAMP_PLUS_MONTHS
            : Operation.TIMESTAMP_PLUS_MILLIS;
        case TIME -> months ? null : Operation.TIME_PLUS_MILLIS;
        default -> null;
      };
      if (operation != null) {
        DataType natural = switch (operation) {
          case DATE_PLUS_MONTHS, DATE_PLUS_MILLIS_AS_DATE -> DataType.DATE;
          case TIME_PLUS_MILLIS -> DataType.TIME;
          default -> DataType.TIMESTAMP;
        };
        return CastCompiler.coerce(new DateTimeArithmeticExpression(operation, sign, left, right,
            natural.withNullable(type.nullable())), type);
      }
    }
    if (sign < 0 && leftKind == rightKind
        && (leftKind == TypeKind.DATE || leftKind == TypeKind.TIMESTAMP)) {
      boolean dates = leftKind == TypeKind.DATE;
      Operation operation = switch (resultKind) {
        case INTERVAL_DAY_TIME -> dates ? Operation.DATE_MINUS_DATE_IN_MILLIS
            : Operation.TIMESTAMP_MINUS_TIMESTAMP_IN_MILLIS;
        case INTERVAL_YEAR_MONTH -> dates ? Operation.DATE_MINUS_DATE_IN_MONTHS
            : Operation.TIMESTAMP_MINUS_TIMESTAMP_IN_MONTHS;
        case TINYINT, SMALLINT, INTEGER, BIGINT -> dates ? Operation.DATE_MINUS_DATE_IN_DAYS
            : null;
        default -> null;
      };
      if (operation != null) {
        return new DateTimeArithmeticExpression(operation, sign, left, right, type);
      }
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED, call.function() + " of "
        + left.type().sqlName() + " and " + right.type().sqlName() + " returning "
        + type.sqlName() + " is not supported");
  }

  /** One of the EXTRACT_* functions. */
  public static VectorExpression compileExtract(Call call) {
    VectorExpression operand = ExpressionCompiler.compile(call.arguments().get(0));
    TypeKind kind = operand.type().kind();
    boolean supported = kind == TypeKind.DATE || kind == TypeKind.TIMESTAMP
        || (kind == TypeKind.TIME && ExtractExpression.isTimeField(call.function()));
    if (!supported) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          call.function() + " is not supported for " + operand.type().sqlName());
    }
    DataType natural = DataType.BIGINT.withNullable(call.type().nullable());
    return CastCompiler.coerce(new ExtractExpression(call.function(), operand, natural),
        call.type());
  }
}
