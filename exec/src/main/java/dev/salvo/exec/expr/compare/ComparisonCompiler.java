package dev.salvo.exec.expr.compare;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.expr.compare.ComparisonExpression.NullHandling;
import dev.salvo.exec.expr.logic.LogicCompiler;
import dev.salvo.exec.expr.nested.NestedCompiler;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the comparisons, IS [NOT] DISTINCT FROM, BETWEEN and IN. Operands of different types
 * are compared in their common type ({@link ComparisonTypes}); a constant operand stays a
 * scalar and is moved to the right-hand side.
 */
public final class ComparisonCompiler {
  private ComparisonCompiler() {}

  public static VectorExpression compile(Call call) {
    return switch (call.function()) {
      case BETWEEN -> between(call);
      case IN -> in(call);
      default -> binary(call.function(),
          ExpressionCompiler.compile(call.arguments().get(0)),
          ExpressionCompiler.compile(call.arguments().get(1)));
    };
  }

  /**
   * One range test for two compiled AND operands that bound the same column from below and
   * above by constants ({@code d >= DATE '1994-01-01' AND d < DATE '1995-01-01'}); null when
   * they are not such a pair.
   */
  public static VectorExpression range(VectorExpression first, VectorExpression second) {
    if (!(first instanceof ComparisonExpression a) || !(second instanceof ComparisonExpression b)) {
      return null;
    }
    VectorExpression range = ComparisonExpression.range(a, b);
    return range != null ? range : ComparisonExpression.range(b, a);
  }

  private static VectorExpression binary(ScalarFunction function, VectorExpression left,
      VectorExpression right) {
    int mask = switch (function) {
      case EQUAL, IS_NOT_DISTINCT_FROM -> ComparisonExpression.EQUAL;
      case NOT_EQUAL, IS_DISTINCT_FROM -> ComparisonExpression.LESS | ComparisonExpression.GREATER;
      case LESS_THAN -> ComparisonExpression.LESS;
      case LESS_THAN_OR_EQUAL -> ComparisonExpression.LESS | ComparisonExpression.EQUAL;
      case GREATER_THAN -> ComparisonExpression.GREATER;
      case GREATER_THAN_OR_EQUAL -> ComparisonExpression.GREATER | ComparisonExpression.EQUAL;
      default -> throw new IllegalArgumentException(function.name());
    };
    NullHandling nullHandling = switch (function) {
      case IS_NOT_DISTINCT_FROM -> NullHandling.NOT_DISTINCT;
      case IS_DISTINCT_FROM -> NullHandling.DISTINCT;
      default -> NullHandling.STRICT;
    };
    if (left instanceof ConstantExpression && !(right instanceof ConstantExpression)) {
      VectorExpression swapped = left;
      left = right;
      right = swapped;
      mask = ComparisonExpression.swapped(mask);
    }
    if (right instanceof ConstantExpression constant && constant.isNull()
        && nullHandling != NullHandling.STRICT) {
      return LogicCompiler.nullTest(left, nullHandling == NullHandling.NOT_DISTINCT);
    }
    if (left.type().kind().isNested() || right.type().kind().isNested()) {
      return NestedCompiler.compare(function, left, right);
    }
    DataType common = ComparisonTypes.common(left.type(), right.type());
    VectorExpression preparedLeft = prepare(left, common, right.type());
    VectorExpression preparedRight = prepare(right, common, left.type());
    TypeKind kind = common.kind();
    if (kind == TypeKind.DECIMAL) {
      return new DecimalComparisonExpression(preparedLeft, preparedRight, mask, nullHandling);
    }
    if (kind == TypeKind.DOUBLE || kind == TypeKind.REAL) {
      return new DoubleComparisonExpression(preparedLeft, preparedRight, mask, nullHandling);
    }
    if (kind == TypeKind.VARCHAR || kind == TypeKind.VARBINARY) {
      return new BytesComparisonExpression(preparedLeft, preparedRight, mask, nullHandling);
    }
    return new LongComparisonExpression(preparedLeft, preparedRight, mask, nullHandling);
  }

  /** Brings an operand to the storage class of the common type, without copying if it is. */
  private static VectorExpression prepare(VectorExpression operand, DataType common,
      DataType other) {
    TypeKind kind = operand.type().kind();
    switch (common.kind()) {
      case DECIMAL -> {
        int otherScale = other.kind() == TypeKind.DECIMAL ? other.scale() : 0;
        if (operand instanceof ConstantExpression constant && !constant.isNull()) {
          // a constant at the column's scale keeps the per-row comparison to one long compare
          BigDecimal value = (BigDecimal) ((ConstantExpression) CastCompiler.cast(constant,
              DataType.decimal(DataType.MAX_DECIMAL_PRECISION, common.scale()))).value();
          try {
            BigDecimal aligned = value.setScale(otherScale, RoundingMode.UNNECESSARY);
            return new ConstantExpression(aligned,
                DataType.decimal(DataType.MAX_DECIMAL_PRECISION, otherScale));
          } catch (ArithmeticException inexact) {
            return new ConstantExpression(value,
                DataType.decimal(DataType.MAX_DECIMAL_PRECISION, common.scale()));
          }
        }
        if (kind == TypeKind.DECIMAL) {
          return operand;
        }
        return CastCompiler.cast(operand, kind.isInteger()
            ? DataType.decimal(Decimals.integerDigits(kind), 0) : common);
      }
      case DOUBLE, REAL -> {
        return kind == TypeKind.DOUBLE || kind == TypeKind.REAL ? operand
            : CastCompiler.cast(operand, DataType.DOUBLE);
      }
      default -> {
        if (kind == common.kind() || (kind.isInteger() && common.kind().isInteger())) {
          return operand;
        }
        return CastCompiler.cast(operand, common);
      }
    }
  }

  private static VectorExpression between(Call call) {
    List<Expression> arguments = call.arguments();
    DataType type = call.type();
    Call atLeastLow = Call.of(ScalarFunction.GREATER_THAN_OR_EQUAL, type, arguments.get(0),
        arguments.get(1));
    Call atMostHigh = Call.of(ScalarFunction.LESS_THAN_OR_EQUAL, type, arguments.get(0),
        arguments.get(2));
    return ExpressionCompiler.compile(Call.of(ScalarFunction.AND, type, atLeastLow, atMostHigh));
  }

  private static VectorExpression in(Call call) {
    Expression valueArgument = call.arguments().get(0);
    List<Expression> items = call.arguments().subList(1, call.arguments().size());
    VectorExpression value = ExpressionCompiler.compile(valueArgument);
    boolean allConstant = items.stream().allMatch(item -> item instanceof Literal);
    if (allConstant && !(value instanceof ConstantExpression)
        && items.stream().allMatch(item -> comparableKinds(value.type(), item.type()))) {
      List<Object> keys = new ArrayList<>();
      boolean anyNull = false;
      for (Expression item : items) {
        Literal literal = (Literal) item;
        if (literal.value() == null) {
          anyNull = true;
          continue;
        }
        Object key = exactly(literal.value(), value.type());
        if (key != null) {
          keys.add(key);
        }
      }
      return new InListExpression(value, keys, anyNull);
    }
    // items that are not all constants: value = item1 OR value = item2 ... has the same nulls
    List<Expression> equalities = new ArrayList<>();
    for (Expression item : items) {
      equalities.add(Call.of(ScalarFunction.EQUAL, call.type(), valueArgument, item));
    }
    if (equalities.size() == 1) {
      return ExpressionCompiler.compile(equalities.get(0));
    }
    return ExpressionCompiler.compile(new Call(ScalarFunction.OR, equalities, call.type()));
  }

  private static boolean comparableKinds(DataType value, DataType item) {
    TypeKind x = value.kind();
    TypeKind y = item.kind();
    return y == TypeKind.NULL || x == y || (x.isNumeric() && y.isNumeric())
        || (x == TypeKind.DATE && y == TypeKind.TIMESTAMP)
        || (x == TypeKind.TIMESTAMP && y == TypeKind.DATE);
  }

  /**
   * The constant as a value of {@code type} that compares equal to it, or null when no value of
   * that type can equal it (1.5 for an INTEGER, a timestamp past midnight for a DATE).
   */
  private static Object exactly(Object constant, DataType type) {
    TypeKind kind = type.kind();
    if (kind.isNumeric()) {
      if (kind == TypeKind.DOUBLE || kind == TypeKind.REAL) {
        double number = ((Number) constant).doubleValue();
        return kind == TypeKind.REAL ? (double) (float) number : number;
      }
      BigDecimal number;
      if (constant instanceof Double d) {
        if (d.isNaN() || d.isInfinite()) {
          return null;
        }
        number = new BigDecimal(d);
      } else {
        number = constant instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) constant);
      }
      try {
        if (kind == TypeKind.DECIMAL) {
          BigDecimal scaled = number.setScale(type.scale(), RoundingMode.UNNECESSARY);
          return Decimals.fits(scaled, type.precision()) ? scaled : null;
        }
        long integer = number.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        return integer < Vectors.minValue(kind) || integer > Vectors.maxValue(kind) ? null
            : integer;
      } catch (ArithmeticException notExact) {
        return null;
      }
    }
    if (kind == TypeKind.DATE && constant instanceof LocalDateTime timestamp) {
      return timestamp.toLocalTime().equals(LocalTime.MIDNIGHT) ? timestamp.toLocalDate() : null;
    }
    if (kind == TypeKind.TIMESTAMP && constant instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    return constant;
  }
}
