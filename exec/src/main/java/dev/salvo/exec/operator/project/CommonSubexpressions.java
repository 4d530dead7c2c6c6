package dev.salvo.exec.operator.project;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the calls a projection computes more than once and computes each of them once: TPC-H
 * Q1 asks for {@code price * (1 - discount)} and for that times {@code (1 + tax)}, and the
 * product is worth sharing on six million rows.
 *
 * <p>A shared call becomes an extra column after the input's: {@link #outputs()} read it through
 * a {@link ColumnReference} numbered from {@link #firstSharedColumn()}. Only calls evaluated on
 * every row are shared; a call under CASE, COALESCE, NULLIF, AND or OR may be evaluated on some
 * rows only (so {@code CASE WHEN x <> 0 THEN 1 / x END} never divides by zero), and computing it
 * on all of them could raise an error the query would not.
 */
record CommonSubexpressions(List<Expression> shared, List<Expression> outputs,
    int firstSharedColumn) {

  static CommonSubexpressions of(List<Expression> expressions) {
    Map<Expression, Integer> occurrences = new HashMap<>();
    int firstShared = 0;
    for (Expression expression : expressions) {
      count(expression, occurrences);
      firstShared = Math.max(firstShared, widthRead(expression));
    }
    Map<Expression, ColumnReference> sharedColumns = new LinkedHashMap<>();
    List<Expression> outputs = new ArrayList<>(expressions.size());
    for (Expression expression : expressions) {
      outputs.add(replaceShared(expression, occurrences, sharedColumns, firstShared));
    }
    return new CommonSubexpressions(List.copyOf(sharedColumns.keySet()), List.copyOf(outputs),
        firstShared);
  }

  private static void count(Expression expression, Map<Expression, Integer> occurrences) {
    if (!(expression instanceof Call call)) {
      return;
    }
    occurrences.merge(call, 1, Integer::sum);
    if (!isConditional(call)) {
      call.arguments().forEach(argument -> count(argument, occurrences));
    }
  }

  /** The outermost calls seen twice become shared columns, each read where it occurred. */
  private static Expression replaceShared(Expression expression,
      Map<Expression, Integer> occurrences, Map<Expression, ColumnReference> sharedColumns,
      int firstShared) {
    if (!(expression instanceof Call call)) {
      return expression;
    }
    if (occurrences.getOrDefault(call, 0) > 1) {
      return sharedColumns.computeIfAbsent(call,
          shared -> new ColumnReference(firstShared + sharedColumns.size(), shared.type()));
    }
    if (isConditional(call)) {
      return call;
    }
    List<Expression> arguments = new ArrayList<>(call.arguments().size());
    for (Expression argument : call.arguments()) {
      arguments.add(replaceShared(argument, occurrences, sharedColumns, firstShared));
    }
    return new Call(call.function(), arguments, call.type());
  }

  private static boolean isConditional(Call call) {
    return switch (call.function()) {
      case CASE, COALESCE, NULLIF, AND, OR -> true;
      default -> false;
    };
  }

  /** One past the highest input column the expression reads. */
  private static int widthRead(Expression expression) {
    if (expression instanceof ColumnReference column) {
      return column.index() + 1;
    }
    int width = 0;
    if (expression instanceof Call call) {
      for (Expression argument : call.arguments()) {
        width = Math.max(width, widthRead(argument));
      }
    }
    return width;
  }
}
