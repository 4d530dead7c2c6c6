package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * Where a plan fragment reads the rows that fragment {@code sourceFragment} wrote into an
 * exchange: the leaf that replaces an {@link ExchangeNode}'s input once a plan is cut into
 * fragments ({@link dev.salvo.exec.fragment.PlanFragmenter}). Reading {@code partitions}
 * partitions, spread by {@code keys} (positions in {@code outputType}; empty: round-robin). The
 * native runner runs whole plans and never sees this node; a distributed runner connects it to
 * the producing fragment's output.
 */
public record ExchangeInputNode(int sourceFragment, int partitions, List<Integer> keys,
    RowType outputType) implements ExecNode {
  public ExchangeInputNode {
    if (sourceFragment < 0) {
      throw new IllegalArgumentException("sourceFragment must not be negative");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    keys = List.copyOf(keys);
    for (int key : keys) {
      if (key < 0 || key >= outputType.size()) {
        throw new IllegalArgumentException("partition key " + key + " is not a column");
      }
    }
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of();
  }

  @Override
  public String describe() {
    return "ExchangeInput(fragment=" + sourceFragment + ", partitions=" + partitions
        + ", distribution=" + (keys.isEmpty() ? "round_robin"
        : "hash" + keys.stream().map(key -> outputType.column(key).name()).toList()) + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return PlanInputs.none(inputs, this);
  }
}
