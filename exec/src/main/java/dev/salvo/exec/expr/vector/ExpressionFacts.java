package dev.salvo.exec.expr.vector;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.type.TypeKind;
import java.util.BitSet;

/** Facts about expression trees that decide how lazily they must be evaluated. */
public final class ExpressionFacts {
  private ExpressionFacts() {}

  /** The input columns the expression reads. */
  public static BitSet referencedColumns(Expression expression) {
    BitSet columns = new BitSet();
    collect(expression, columns);
    return columns;
  }

  private static void collect(Expression expression, BitSet columns) {
    if (expression instanceof ColumnReference column) {
      columns.set(column.index());
    } else if (expression instanceof Call call) {
      call.arguments().forEach(argument -> collect(argument, columns));
    }
  }

  /**
   * Whether evaluating the expression on some row may raise a data error (overflow, division by
   * zero, a bad cast or argument); such expressions must only see the rows that reach them.
   */
  public static boolean canFail(Expression expression) {
    if (!(expression instanceof Call call)) {
      return false;
    }
    for (Expression argument : call.arguments()) {
      if (canFail(argument)) {
        return true;
      }
    }
    return switch (call.function()) {
      case ADD, SUBTRACT, MULTIPLY, NEGATE, ABS, ROUND, FLOOR, CEIL ->
          call.type().kind() != TypeKind.DOUBLE && call.type().kind() != TypeKind.REAL;
      // a constant LIKE pattern is checked when the expression is compiled
      case LIKE -> !call.arguments().stream().skip(1).allMatch(Literal.class::isInstance);
      case DIVIDE, MODULO, CAST, SUBSTRING, TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING -> true;
      default -> false;
    };
  }
}
