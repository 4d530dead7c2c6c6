package dev.salvo.exec.expr.logic;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.compare.ComparisonCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.ExpressionFacts;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Compiles AND, OR, NOT and the IS [NOT] NULL / TRUE / FALSE tests. */
public final class LogicCompiler {
  private LogicCompiler() {}

  public static VectorExpression compile(Call call) {
    ScalarFunction function = call.function();
    if (function == ScalarFunction.AND || function == ScalarFunction.OR) {
      List<Expression> arguments = new ArrayList<>();
      flatten(call, function, arguments);
      List<VectorExpression> operands = new ArrayList<>();
      List<BitSet> columns = new ArrayList<>();
      List<Boolean> canFail = new ArrayList<>();
      for (Expression argument : arguments) {
        operands.add(ExpressionCompiler.compile(argument));
        columns.add(ExpressionFacts.referencedColumns(argument));
        canFail.add(ExpressionFacts.canFail(argument));
      }
      if (function == ScalarFunction.AND) {
        mergeRanges(operands, columns, canFail);
        if (operands.size() == 1) {
          return operands.get(0);
        }
      }
      boolean[] operandCanFail = new boolean[canFail.size()];
      for (int i = 0; i < operandCanFail.length; i++) {
        operandCanFail[i] = canFail.get(i);
      }
      return new ConnectiveExpression(function == ScalarFunction.AND, operands, columns,
          operandCanFail, call.type());
    }
    VectorExpression operand = ExpressionCompiler.compile(call.arguments().get(0));
    return test(function, operand, call.type());
  }

  /**
   * Replaces each pair of AND operands that bound one column from below and above by one range
   * test (in the first one's place), which reads the column once; the operands' columns and
   * can-fail flags follow. Comparisons with constants cannot fail.
   */
  private static void mergeRanges(List<VectorExpression> operands, List<BitSet> columns,
      List<Boolean> canFail) {
    for (int i = 0; i < operands.size(); i++) {
      for (int j = i + 1; j < operands.size(); j++) {
        VectorExpression range = ComparisonCompiler.range(
            ExpressionCompiler.kernel(operands.get(i)), ExpressionCompiler.kernel(operands.get(j)));
        if (range != null) {
          operands.set(i, range);
          operands.remove(j);
          columns.remove(j);
          canFail.remove(j);
          break;
        }
      }
    }
  }

  /**
   * The operands of nested calls of the same connective, in order: {@code a AND (b AND c)} is
   * {@code a AND b AND c} in three-valued logic too, and flat operands can be reordered.
   */
  private static void flatten(Call call, ScalarFunction function, List<Expression> operands) {
    for (Expression argument : call.arguments()) {
      if (argument instanceof Call nested && nested.function() == function) {
        flatten(nested, function, operands);
      } else {
        operands.add(argument);
      }
    }
  }

  /** IS NULL ({@code isNull}) or IS NOT NULL of an already compiled operand. */
  public static VectorExpression nullTest(VectorExpression operand, boolean isNull) {
    return test(isNull ? ScalarFunction.IS_NULL : ScalarFunction.IS_NOT_NULL, operand,
        DataType.BOOLEAN.withNullable(false));
  }

  private static VectorExpression test(ScalarFunction function, VectorExpression operand,
      DataType type) {
    if (operand.type().kind() == TypeKind.NULL && !(operand instanceof ConstantExpression)) {
      operand = ConstantExpression.nullOf(operand.type());
    }
    if (operand instanceof ConstantExpression constant) {
      Object value = constant.value();
      Boolean result = switch (function) {
        case NOT -> value == null ? null : !(Boolean) value;
        case IS_NULL -> value == null;
        case IS_NOT_NULL -> value != null;
        case IS_TRUE -> Boolean.TRUE.equals(value);
        case IS_NOT_TRUE -> !Boolean.TRUE.equals(value);
        case IS_FALSE -> Boolean.FALSE.equals(value);
        case IS_NOT_FALSE -> !Boolean.FALSE.equals(value);
        default -> throw new IllegalArgumentException(function.name());
      };
      return new ConstantExpression(result, type);
    }
    return new BooleanTestExpression(function, operand, type);
  }
}
