package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * Groups the input by the columns {@code groupKeys} and computes {@code aggregates} per group.
 * Output: the group key columns in order, then one column per aggregate. With no group keys the
 * output is exactly one row, even over empty input.
 */
public record AggregateNode(ExecNode input, List<Integer> groupKeys,
    List<AggregateCall> aggregates, RowType outputType) implements ExecNode {
  public AggregateNode {
    groupKeys = List.copyOf(groupKeys);
    aggregates = List.copyOf(aggregates);
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(input);
  }

  @Override
  public String describe() {
    return "HashAggregate(groupKeys=" + groupKeys + ", aggregates=" + aggregates + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new AggregateNode(PlanInputs.only(inputs, this), groupKeys, aggregates,
        outputType);
  }
}
