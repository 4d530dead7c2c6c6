package dev.salvo.exec.type;

import java.util.Objects;

/** A named, typed column of a {@link RowType}. */
public record Column(String name, DataType type) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
