package dev.salvo.exec.expr;

import dev.salvo.exec.type.DataType;

/** A constant, in the Java form {@link DataType} documents for its kind (or null). */
public record Literal(Object value, DataType type) implements Expression {
  @Override
  public String toString() {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
