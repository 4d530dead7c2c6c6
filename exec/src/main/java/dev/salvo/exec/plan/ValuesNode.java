package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Constant rows, each value in the Java form of its column's type. */
public record ValuesNode(RowType outputType, List<List<Object>> rows) implements ExecNode {
  public ValuesNode {
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of();
  }

  @Override
  public String describe() {
    return "Values(rows=" + rows.size() + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return PlanInputs.none(inputs, this);
  }
}
