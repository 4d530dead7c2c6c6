package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * Orders the input by {@code keys}, then skips {@code offset} rows and keeps at most
 * {@code fetch} ({@code -1}: all). A fetch turns the sort into a top-N that keeps only
 * offset + fetch rows in memory.
 */
public record SortNode(ExecNode input, List<SortKey> keys, long offset, long fetch)
    implements ExecNode {
  public SortNode {
    keys = List.copyOf(keys);
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
    return (fetch >= 0 ? "TopN" : "Sort") + "(keys=" + keys
        + (offset > 0 ? ", offset=" + offset : "") + (fetch >= 0 ? ", fetch=" + fetch : "") + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new SortNode(PlanInputs.only(inputs, this), keys, offset, fetch);
  }
}
