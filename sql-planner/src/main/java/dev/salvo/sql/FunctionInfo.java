package dev.salvo.sql;

import java.util.Objects;

/**
 * A built-in function SQL can call, as listed by {@link SalvoEngine#builtInFunctions()}.
 *
 * @param name the name to call it by
 * @param kind scalar (one value per row) or aggregate (one value per group)
 * @param signature how it is called, e.g. {@code SUBSTRING(string FROM start [FOR length])}
 * @param description what it returns
 * @param example an expression that calls it, valid in {@code SELECT <example>}
 */
public record FunctionInfo(String name, Kind kind, String signature, String description,
    String example) {

  /** Whether a function works row by row or over groups of rows. */
  public enum Kind { SCALAR, AGGREGATE }

  public FunctionInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(example, "example");
  }
}
