package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * UNION ALL: every row of every input, inputs in any order. DISTINCT, INTERSECT and EXCEPT are
 * planned as aggregations over a union.
 */
public record UnionNode(List<ExecNode> inputs, RowType outputType) implements ExecNode {
  public UnionNode {
    inputs = List.copyOf(inputs);
  }

  @Override
  public String describe() {
    return "UnionAll(inputs=" + inputs.size() + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> newInputs) {
    PlanInputs.requireCount(newInputs, inputs.size(), this);
    return new UnionNode(newInputs, outputType);
  }
}
