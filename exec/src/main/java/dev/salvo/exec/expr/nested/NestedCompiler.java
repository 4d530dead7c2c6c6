package dev.salvo.exec.expr.nested;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the functions over nested values: the ARRAY and ROW constructors, element and field
 * access, CARDINALITY, and the equality comparisons of two ARRAYs or two ROWs.
 */
public final class NestedCompiler {
  private NestedCompiler() {}

  public static VectorExpression compile(Call call) {
    List<VectorExpression> arguments = new ArrayList<>(call.arguments().size());
    for (Expression argument : call.arguments()) {
      arguments.add(ExpressionCompiler.compile(argument));
    }
    DataType type = call.type();
    return switch (call.function()) {
      case ARRAY_VALUE -> {
        requireKind(call, type, TypeKind.ARRAY);
        List<VectorExpression> elements = new ArrayList<>(arguments.size());
        for (VectorExpression element : arguments) {
          elements.add(CastCompiler.coerce(element, type.elementType()));
        }
        yield new ArrayConstructorExpression(elements, type);
      }
      case ROW_VALUE -> {
        requireKind(call, type, TypeKind.ROW);
        if (arguments.size() != type.fields().size()) {
          throw new SalvoException(ErrorCode.TYPE_MISMATCH, "A ROW of " + type.fields().size()
              + " fields cannot be built from " + arguments.size() + " values");
        }
        List<VectorExpression> fields = new ArrayList<>(arguments.size());
        for (int index = 0; index < arguments.size(); index++) {
          fields.add(CastCompiler.coerce(arguments.get(index),
              type.fields().get(index).type()));
        }
        yield new RowConstructorExpression(fields, type);
      }
      case ELEMENT_AT -> {
        VectorExpression array = arguments.get(0);
        requireKind(call, array.type(), TypeKind.ARRAY);
        if (!arguments.get(1).type().kind().isInteger()) {
          throw new SalvoException(ErrorCode.TYPE_MISMATCH, "An ARRAY index must be an integer,"
              + " not " + arguments.get(1).type().sqlName());
        }
        yield CastCompiler.coerce(new ElementAtExpression(array, arguments.get(1)), type);
      }
      case FIELD -> {
        VectorExpression row = arguments.get(0);
        requireKind(call, row.type(), TypeKind.ROW);
        if (!(call.arguments().get(1) instanceof Literal literal
            && literal.value() instanceof Number number)) {
          throw new SalvoException(ErrorCode.INTERNAL_ERROR,
              "FIELD takes a constant field index, got " + call.arguments().get(1));
        }
        int index = number.intValue();
        if (index < 0 || index >= row.type().fields().size()) {
          throw new SalvoException(ErrorCode.INTERNAL_ERROR,
              "Field index " + index + " is outside " + row.type().sqlName());
        }
        yield CastCompiler.coerce(new FieldAccessExpression(row, index), type);
      }
      case CARDINALITY -> {
        requireKind(call, arguments.get(0).type(), TypeKind.ARRAY);
        yield CastCompiler.coerce(new CardinalityExpression(arguments.get(0)), type);
      }
      default -> throw new IllegalArgumentException(call.function().name());
    };
  }

  /**
   * The comparison {@code function} of two nested values: equality and IS [NOT] DISTINCT FROM.
   * Ordering nested values is not supported.
   */
  public static VectorExpression compare(ScalarFunction function, VectorExpression left,
      VectorExpression right) {
    DataType leftType = left.type();
    DataType rightType = right.type();
    if (leftType.kind() != rightType.kind() || !NestedValues.comparable(leftType, rightType)) {
      throw new SalvoException(ErrorCode.TYPE_MISMATCH,
          "Cannot compare " + leftType.sqlName() + " with " + rightType.sqlName());
    }
    return switch (function) {
      case EQUAL, NOT_EQUAL, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM ->
          new NestedEqualityExpression(function, left, right);
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Ordering comparisons of " + leftType.sqlName() + " values are not supported");
    };
  }

  private static void requireKind(Call call, DataType type, TypeKind kind) {
    if (type.kind() != kind) {
      throw new SalvoException(ErrorCode.TYPE_MISMATCH,
          call.function() + " needs " + kind + ", not " + type.sqlName());
    }
  }
}
