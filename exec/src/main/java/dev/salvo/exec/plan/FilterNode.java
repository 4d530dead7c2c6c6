package dev.salvo.exec.plan;

import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.type.RowType;
import java.util.List;

/** Keeps the input rows for which {@code condition} is TRUE (not FALSE, not NULL). */
public record FilterNode(ExecNode input, Expression condition) implements ExecNode {
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
    return "Filter(condition=" + condition + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new FilterNode(PlanInputs.only(inputs, this), condition);
  }
}
