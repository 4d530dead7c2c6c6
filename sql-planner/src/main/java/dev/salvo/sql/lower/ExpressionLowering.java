package dev.salvo.sql.lower;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.catalog.TypeConversion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/** Translates Calcite row expressions into the executor's {@link Expression} trees. */
public final class ExpressionLowering {
  private final RexBuilder rexBuilder;

  public ExpressionLowering(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  public List<Expression> lower(List<RexNode> nodes) {
    List<Expression> expressions = new ArrayList<>(nodes.size());
    for (RexNode node : nodes) {
      expressions.add(lower(node));
    }
    return expressions;
  }

  public Expression lower(RexNode node) {
    DataType type = TypeConversion.toDataType(node.getType());
    if (node instanceof RexInputRef ref) {
      return new ColumnReference(ref.getIndex(), type);
    }
    if (node instanceof RexLiteral literal) {
      return new Literal(literalValue(literal, type), type);
    }
    if (node instanceof RexCall call) {
      return lowerCall(call, type);
    }
    if (node instanceof RexFieldAccess access) {
      Expression row = lower(access.getReferenceExpr());
      return Call.of(ScalarFunction.FIELD, type, row,
          new Literal((long) access.getField().getIndex(), DataType.INTEGER.withNullable(false)));
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "Expression " + node + " is not supported yet");
  }

  private Expression lowerCall(RexCall call, DataType type) {
    SqlKind kind = call.getKind();
    switch (kind) {
      case SEARCH:
        return lower(RexUtil.expandSearch(rexBuilder, null, call));
      case PLUS_PREFIX:
        return lower(call.getOperands().get(0));
      case OR:
        Expression inList = asInList(call, type);
        if (inList != null) {
          return inList;
        }
        return calls(ScalarFunction.OR, call, type);
      case LIKE:
        Expression like = calls(ScalarFunction.LIKE, call, type);
        return ((SqlLikeOperator) call.getOperator()).isNegated()
            ? Call.of(ScalarFunction.NOT, type, like) : like;
      case TRIM:
        return lowerTrim(call, type);
      case EXTRACT:
        return lowerExtract(call, type);
      case CAST:
        Expression operand = lower(call.getOperands().get(0));
        return operand.type().equals(type) ? operand : Call.of(ScalarFunction.CAST, type, operand);
      case IS_NOT_DISTINCT_FROM:
        return calls(ScalarFunction.IS_NOT_DISTINCT_FROM, call, type);
      case ARRAY_VALUE_CONSTRUCTOR:
        return components(ScalarFunction.ARRAY_VALUE, call, type);
      case ROW:
        return components(ScalarFunction.ROW_VALUE, call, type);
      case ITEM:
        return lowerItem(call, type);
      default:
        break;
    }
    if (call.getOperator().getName().equalsIgnoreCase("CARDINALITY")) {
      Expression operand = lower(call.getOperands().get(0));
      if (operand.type().kind() != TypeKind.ARRAY) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "CARDINALITY of " + operand.type().sqlName() + " is not supported");
      }
      return Call.of(ScalarFunction.CARDINALITY, type, operand);
    }
    if (call.getOperator().getName().equalsIgnoreCase("DATE") && call.getOperands().size() == 1) {
      // date('1994-01-01') and date(timestamp) are casts spelt as a function.
      return Call.of(ScalarFunction.CAST, type, lower(call.getOperands().get(0)));
    }
    ScalarFunction function = functionFor(call);
    return calls(function, call, type);
  }

  private ScalarFunction functionFor(RexCall call) {
    ScalarFunction function = scalarFunction(call.getOperator());
    if (function == null) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Function " + call.getOperator().getName() + " is not supported yet");
    }
    return function;
  }

  /** The executor's function for a SQL operator, or null when the executor has none. */
  public static ScalarFunction scalarFunction(SqlOperator operator) {
    switch (operator.getKind()) {
      case PLUS: return ScalarFunction.ADD;
      case MINUS: return ScalarFunction.SUBTRACT;
      case TIMES: return ScalarFunction.MULTIPLY;
      case DIVIDE: return ScalarFunction.DIVIDE;
      case MOD: return ScalarFunction.MODULO;
      case MINUS_PREFIX: return ScalarFunction.NEGATE;
      case EQUALS: return ScalarFunction.EQUAL;
      case NOT_EQUALS: return ScalarFunction.NOT_EQUAL;
      case LESS_THAN: return ScalarFunction.LESS_THAN;
      case LESS_THAN_OR_EQUAL: return ScalarFunction.LESS_THAN_OR_EQUAL;
      case GREATER_THAN: return ScalarFunction.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL: return ScalarFunction.GREATER_THAN_OR_EQUAL;
      case IS_DISTINCT_FROM: return ScalarFunction.IS_DISTINCT_FROM;
      case BETWEEN: return ScalarFunction.BETWEEN;
      case AND: return ScalarFunction.AND;
      case NOT: return ScalarFunction.NOT;
      case IS_NULL: return ScalarFunction.IS_NULL;
      case IS_NOT_NULL: return ScalarFunction.IS_NOT_NULL;
      case IS_TRUE: return ScalarFunction.IS_TRUE;
      case IS_NOT_TRUE: return ScalarFunction.IS_NOT_TRUE;
      case IS_FALSE: return ScalarFunction.IS_FALSE;
      case IS_NOT_FALSE: return ScalarFunction.IS_NOT_FALSE;
      case CASE: return ScalarFunction.CASE;
      case COALESCE: return ScalarFunction.COALESCE;
      case NULLIF: return ScalarFunction.NULLIF;
      case POSITION: return ScalarFunction.POSITION;
      case FLOOR: return ScalarFunction.FLOOR;
      case CEIL: return ScalarFunction.CEIL;
      default:
        break;
    }
    String name = operator.getName().toUpperCase(java.util.Locale.ROOT);
    switch (name) {
      case "||": case "CONCAT": return ScalarFunction.CONCAT;
      case "SUBSTRING": case "SUBSTR": return ScalarFunction.SUBSTRING;
      case "UPPER": return ScalarFunction.UPPER;
      case "LOWER": return ScalarFunction.LOWER;
      case "CHAR_LENGTH": case "CHARACTER_LENGTH": return ScalarFunction.CHAR_LENGTH;
      case "REPLACE": return ScalarFunction.REPLACE;
      case "ABS": return ScalarFunction.ABS;
      case "ROUND": return ScalarFunction.ROUND;
      default:
        return null;
    }
  }

  private Expression calls(ScalarFunction function, RexCall call, DataType type) {
    if (call.getKind() == SqlKind.FLOOR || call.getKind() == SqlKind.CEIL) {
      if (call.getOperands().size() > 1) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            call.getOperator().getName() + " of a date or time to a unit is not supported yet");
      }
    }
    return new Call(function, lower(call.getOperands()), type);
  }

  /**
   * An ARRAY or ROW constructor, each argument converted to its element or field type where
   * Calcite left it in its own (ARRAY[1, 2.5] has an INTEGER operand for a DECIMAL element).
   */
  private Expression components(ScalarFunction function, RexCall call, DataType type) {
    List<Expression> arguments = new ArrayList<>(call.getOperands().size());
    for (int index = 0; index < call.getOperands().size(); index++) {
      Expression argument = lower(call.getOperands().get(index));
      DataType target = type.kind() == TypeKind.ARRAY ? type.elementType()
          : type.fields().get(index).type();
      arguments.add(argument.type().hasSameVectors(target) ? argument
          : Call.of(ScalarFunction.CAST, target.withNullable(argument.type().nullable()),
              argument));
    }
    return new Call(function, arguments, type);
  }

  /** {@code value[index]}: an ARRAY's element (1-based) or a ROW's field by name or position. */
  private Expression lowerItem(RexCall call, DataType type) {
    Expression collection = lower(call.getOperands().get(0));
    RexNode key = call.getOperands().get(1);
    switch (collection.type().kind()) {
      case ARRAY:
        return Call.of(ScalarFunction.ELEMENT_AT, type, collection, lower(key));
      case ROW:
        if (key instanceof RexLiteral literal) {
          List<dev.salvo.exec.type.Column> fields = collection.type().fields();
          int index = -1;
          if (literal.getValue() instanceof NlsString name) {
            for (int i = 0; i < fields.size() && index < 0; i++) {
              if (fields.get(i).name().equalsIgnoreCase(name.getValue())) {
                index = i;
              }
            }
          } else if (literal.getValueAs(BigDecimal.class) != null) {
            index = literal.getValueAs(BigDecimal.class).intValue() - 1;
          }
          if (index >= 0 && index < fields.size()) {
            return Call.of(ScalarFunction.FIELD, type, collection,
                new Literal((long) index, DataType.INTEGER.withNullable(false)));
          }
        }
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "A ROW field must be named by a constant that matches a field of "
                + collection.type().sqlName() + ", not " + key);
      default:
        throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Subscripting a value of type "
            + call.getOperands().get(0).getType().getFullTypeString() + " is not supported");
    }
  }

  /** OR of {@code x = literal} terms over the same x, which Calcite makes of IN lists. */
  private Expression asInList(RexCall or, DataType type) {
    RexNode subject = null;
    List<RexNode> items = new ArrayList<>();
    for (RexNode operand : or.getOperands()) {
      if (operand.getKind() != SqlKind.EQUALS) {
        return null;
      }
      RexCall equals = (RexCall) operand;
      RexNode left = equals.getOperands().get(0);
      RexNode right = equals.getOperands().get(1);
      if (!(right instanceof RexLiteral)) {
        return null;
      }
      if (subject == null) {
        subject = left;
      } else if (!subject.equals(left)) {
        return null;
      }
      items.add(right);
    }
    if (items.size() < 2) {
      return null;
    }
    List<Expression> arguments = new ArrayList<>();
    arguments.add(lower(subject));
    arguments.addAll(lower(items));
    return new Call(ScalarFunction.IN, arguments, type);
  }

  private Expression lowerTrim(RexCall call, DataType type) {
    RexLiteral flagLiteral = (RexLiteral) call.getOperands().get(0);
    SqlTrimFunction.Flag flag = flagLiteral.getValueAs(SqlTrimFunction.Flag.class);
    ScalarFunction function = switch (flag) {
      case BOTH -> ScalarFunction.TRIM_BOTH;
      case LEADING -> ScalarFunction.TRIM_LEADING;
      case TRAILING -> ScalarFunction.TRIM_TRAILING;
    };
    return Call.of(function, type, lower(call.getOperands().get(1)),
        lower(call.getOperands().get(2)));
  }

  private Expression lowerExtract(RexCall call, DataType type) {
    TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
    ScalarFunction function = switch (unit) {
      case YEAR -> ScalarFunction.EXTRACT_YEAR;
      case QUARTER -> ScalarFunction.EXTRACT_QUARTER;
      case MONTH -> ScalarFunction.EXTRACT_MONTH;
      case WEEK -> ScalarFunction.EXTRACT_WEEK;
      case DAY -> ScalarFunction.EXTRACT_DAY;
      case DOW -> ScalarFunction.EXTRACT_DAY_OF_WEEK;
      case DOY -> ScalarFunction.EXTRACT_DAY_OF_YEAR;
      case HOUR -> ScalarFunction.EXTRACT_HOUR;
      case MINUTE -> ScalarFunction.EXTRACT_MINUTE;
      case SECOND -> ScalarFunction.EXTRACT_SECOND;
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "EXTRACT(" + unit + " FROM ...) is not supported yet");
    };
    Expression result = Call.of(function, DataType.BIGINT.withNullable(type.nullable()),
        lower(call.getOperands().get(1)));
    return type.kind() == TypeKind.BIGINT ? result : Call.of(ScalarFunction.CAST, type, result);
  }

  /** The literal's value in the Java form the executor documents for {@code type}. */
  static Object literalValue(RexLiteral literal, DataType type) {
    if (literal.isNull()) {
      return null;
    }
    return switch (type.kind()) {
      case NULL -> null;
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case TINYINT, SMALLINT, INTEGER, BIGINT -> literal.getValueAs(BigDecimal.class).longValueExact();
      case REAL, DOUBLE -> literal.getValueAs(BigDecimal.class) != null
          ? literal.getValueAs(BigDecimal.class).doubleValue() : literal.getValueAs(Double.class);
      case DECIMAL -> literal.getValueAs(BigDecimal.class).setScale(type.scale(), RoundingMode.HALF_UP);
      case VARCHAR -> literal.getValue() instanceof NlsString nls ? nls.getValue()
          : literal.getValueAs(String.class);
      case VARBINARY -> literal.getValueAs(byte[].class);
      case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
      case TIME -> LocalTime.parse(literal.getValueAs(TimeString.class).toString());
      case TIMESTAMP -> LocalDateTime.parse(
          literal.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
      case INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME ->
          literal.getValueAs(BigDecimal.class).longValueExact();
      case ARRAY, ROW -> componentValues(literal, type);
    };
  }

  /** The values of an ARRAY or ROW literal, which Calcite keeps as a list of literals. */
  private static Object componentValues(RexLiteral literal, DataType type) {
    if (!(literal.getValue() instanceof List<?> components)) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Literal " + literal + " of type " + type.sqlName() + " is not supported");
    }
    List<Object> values = new ArrayList<>(components.size());
    for (int index = 0; index < components.size(); index++) {
      DataType componentType = type.kind() == TypeKind.ARRAY ? type.elementType()
          : type.fields().get(index).type();
      Object component = components.get(index);
      if (!(component instanceof RexLiteral componentLiteral)) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "Literal " + literal + " of type " + type.sqlName() + " is not supported");
      }
      values.add(literalValue(componentLiteral, componentType));
    }
    return values;
  }
}
