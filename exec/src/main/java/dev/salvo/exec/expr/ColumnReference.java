package dev.salvo.exec.expr;

import dev.salvo.exec.type.DataType;

/** The value of input column {@code index}. */
public record ColumnReference(int index, DataType type) implements Expression {
  @Override
  public String toString() {
    return "$" + index;
  }
}
