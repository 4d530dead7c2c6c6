package dev.salvo.exec.plan;

import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.type.RowType;
import java.util.List;

/** Computes one output column per expression; {@code outputType} names them. */
public record ProjectNode(ExecNode input, List<Expression> expressions, RowType outputType)
    implements ExecNode {
  public ProjectNode {
    expressions = List.copyOf(expressions);
    if (expressions.size() != outputType.size()) {
      throw new IllegalArgumentException("Expressions and output columns differ in number");
    }
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(input);
  }

  @Override
  public String describe() {
    return "Project(" + expressions + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new ProjectNode(PlanInputs.only(inputs, this), expressions, outputType);
  }
}
