package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * Computes window functions: output is every input column followed by one column per call.
 * The input must arrive as one ordered stream, sorted by the partition keys and then by
 * {@code orderKeys} (the planner puts a {@link SortNode} below); the node buffers all of it.
 */
public record WindowNode(ExecNode input, List<Integer> partitionKeys, List<SortKey> orderKeys,
    WindowFrame frame, List<WindowCall> calls, RowType outputType) implements ExecNode {
  public WindowNode {
    partitionKeys = List.copyOf(partitionKeys);
    orderKeys = List.copyOf(orderKeys);
    calls = List.copyOf(calls);
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(input);
  }

  @Override
  public String describe() {
    return "Window(partitionKeys=" + partitionKeys + ", orderKeys=" + orderKeys + ", frame="
        + frame + ", calls=" + calls + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new WindowNode(PlanInputs.only(inputs, this), partitionKeys, orderKeys, frame, calls,
        outputType);
  }
}
