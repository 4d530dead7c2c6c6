package dev.salvo.exec.expr;

import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;

/**
 * Names for the operations whose data errors (a division by zero, a string that is no number)
 * the planner places in the SQL text: the executor tags the error with the name of the
 * operation that raised it, and the planner finds the calls in the query with the same name.
 */
public final class Operations {
  private Operations() {}

  /** {@code CAST(VARCHAR AS BIGINT)}: string lengths are left out, as plans may change them. */
  public static String cast(DataType from, DataType to) {
    return "CAST(" + typeName(from) + " AS " + typeName(to) + ")";
  }

  /** The function's own name: {@code DIVIDE}, {@code ROUND}. */
  public static String of(ScalarFunction function) {
    return function.name();
  }

  private static String typeName(DataType type) {
    return type.kind() == TypeKind.VARCHAR ? "VARCHAR" : type.sqlName();
  }
}
