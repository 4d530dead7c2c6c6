package dev.salvo.exec.expr;

import dev.salvo.exec.type.DataType;

/**
 * A scalar expression over the columns of an input batch: an immutable tree that the planner
 * builds and {@link ExpressionCompiler} turns into a {@link VectorExpression} evaluated a whole
 * vector at a time.
 */
public sealed interface Expression permits ColumnReference, Literal, Call {
  /** The SQL type of the result, including nullability. */
  DataType type();
}
