package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * Re-chunks its input into batches of at most {@code rows} rows for the operators above it:
 * small batches are gathered, big ones split, so that later steps hold a bounded amount.
 */
public record RechunkNode(ExecNode input, int rows) implements ExecNode {
  public RechunkNode {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
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
    return "Rechunk(batch_rows=" + rows + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new RechunkNode(PlanInputs.only(inputs, this), rows);
  }
}
