/**
 * Scalar expressions, compiled once and evaluated a whole batch at a time.
 *
 * <pre>
 *  Expression tree (ColumnReference, Literal, Call of a ScalarFunction; from the planner)
 *    │  ExpressionCompiler.compile: fold NULL arguments and column-free calls, then dispatch
 *    v
 *  arithmetic/  compare/  logic/  conditional/  cast/  string/  datetime/  nested/
 *    │  each family brings mixed argument types to one kind (cast/) and picks a kernel
 *    v
 *  VectorExpression kernels: tight loops over Arrow buffers (vector/ holds the shared reads,
 *  writes, exact DECIMAL helpers and the row selection that CASE, COALESCE and AND/OR use to
 *  evaluate an operand only on the rows that reach it)
 * </pre>
 *
 * <p>Constants stay scalars inside kernels; input columns are read in place, never copied.
 */
package dev.salvo.exec.expr;
