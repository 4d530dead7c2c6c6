package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * Redistributes its input into {@code partitions} partitions that run in parallel: rows with
 * equal values in {@code keys} (positions in the input) always reach the same partition; with
 * no keys rows are dealt out round-robin to balance the load. A plan splits into fragments here.
 */
public record ExchangeNode(ExecNode input, int partitions, List<Integer> keys)
    implements ExecNode {
  public ExchangeNode {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    keys = List.copyOf(keys);
    for (int key : keys) {
      if (key < 0 || key >= input.outputType().size()) {
        throw new IllegalArgumentException("partition key " + key + " is not an input column");
      }
    }
  }

  @Override
  public RowType outputType() {
    return input.outputType();
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(input);
  }

  @Override
  public String describe() {
    if (keys.isEmpty()) {
      return "Exchange(partitions=" + partitions + ", distribution=round_robin)";
    }
    return "Exchange(partitions=" + partitions + ", distribution=hash"
        + keys.stream().map(key -> input.outputType().column(key).name()).toList() + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new ExchangeNode(PlanInputs.only(inputs, this), partitions, keys);
  }
}
