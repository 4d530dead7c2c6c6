package dev.salvo.exec.plan;

import dev.salvo.exec.type.DataType;
import java.util.List;

/**
 * One aggregate of an {@link AggregateNode}: the function, its argument columns (input
 * positions; empty for COUNT(*)), whether it aggregates distinct values only, and its result type.
 */
public record AggregateCall(AggregateFunction function, List<Integer> arguments, boolean distinct,
    DataType type, String name) {
  public AggregateCall {
    arguments = List.copyOf(arguments);
  }

  @Override
  public String toString() {
    return function + (distinct ? "(DISTINCT " : "(")
        + String.join(", ", arguments.stream().map(i -> "$" + i).toList()) + ")";
  }
}
