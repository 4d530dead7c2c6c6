package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/** Skips {@code offset} input rows, then passes at most {@code fetch} ({@code -1}: all). */
public record LimitNode(ExecNode input, long offset, long fetch) implements ExecNode {
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
    return "Limit(offset=" + offset + ", fetch=" + fetch + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new LimitNode(PlanInputs.only(inputs, this), offset, fetch);
  }
}
