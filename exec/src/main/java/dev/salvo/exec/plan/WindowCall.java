package dev.salvo.exec.plan;

import dev.salvo.exec.type.DataType;
import java.util.List;

/**
 * One window function of a {@link WindowNode}: its argument columns (input positions), the
 * constant {@code offset} of LAG/LEAD or the bucket count of NTILE (1 otherwise), the LAG/LEAD
 * default value in the Java form of {@code type} (null: NULL), the result type and name.
 */
public record WindowCall(WindowFunction function, List<Integer> arguments, long offset,
    Object defaultValue, DataType type, String name) {
  public WindowCall {
    arguments = List.copyOf(arguments);
  }

  @Override
  public String toString() {
    return function + "(" + String.join(", ", arguments.stream().map(i -> "$" + i).toList())
        + (function == WindowFunction.LAG || function == WindowFunction.LEAD
        || function == WindowFunction.NTILE ? ", " + offset : "") + ")";
  }
}
