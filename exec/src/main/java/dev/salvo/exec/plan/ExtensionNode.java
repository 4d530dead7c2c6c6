package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Objects;

/** Runs an {@link ExtensionOperator} over its input as a streaming step of the pipeline. */
public record ExtensionNode(ExecNode input, ExtensionOperator operator) implements ExecNode {
  public ExtensionNode {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(operator, "operator");
  }

  @Override
  public RowType outputType() {
    return operator.outputType(input.outputType());
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(input);
  }

  @Override
  public String describe() {
    return operator.describe();
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new ExtensionNode(PlanInputs.only(inputs, this), operator);
  }
}
