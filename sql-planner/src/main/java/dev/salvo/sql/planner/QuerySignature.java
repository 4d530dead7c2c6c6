package dev.salvo.sql.planner;

import dev.salvo.exec.type.RowType;

/**
 * What a client learns when it prepares a statement: the types of its dynamic parameters, in the
 * order their {@code ?} markers appear (named {@code ?0}, {@code ?1}, ...), the columns of its
 * result, and whether it is DDL or DML, whose result is one row with the number of rows changed
 * (an update count, to protocols that have them).
 */
public record QuerySignature(RowType parameterTypes, RowType resultType, boolean updateCount) {
  /** A query's signature. */
  public QuerySignature(RowType parameterTypes, RowType resultType) {
    this(parameterTypes, resultType, false);
  }
}
