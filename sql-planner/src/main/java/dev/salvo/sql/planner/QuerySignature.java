package dev.salvo.sql.planner;

import dev.salvo.exec.type.RowType;

/**
 * What a client learns when it prepares a query: the types of its dynamic parameters, in the
 * order their {@code ?} markers appear (named {@code ?0}, {@code ?1}, ...), and the columns of
 * its result.
 */
public record QuerySignature(RowType parameterTypes, RowType resultType) {}
