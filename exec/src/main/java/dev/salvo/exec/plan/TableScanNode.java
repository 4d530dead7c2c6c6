package dev.salvo.exec.plan;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Optional;

/**
 * Reads the columns {@code projection} (positions in the table's row type) of a table, keeping
 * only rows where {@code filter} (an expression over the projected columns) is true.
 */
public record TableScanNode(TableSource table, List<Integer> projection,
    Optional<Expression> filter) implements ExecNode {
  public TableScanNode {
    projection = List.copyOf(projection);
  }

  @Override
  public RowType outputType() {
    return table.rowType().project(projection);
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of();
  }

  @Override
  public String describe() {
    String pushdown = table.describePushdown(projection, filter);
    return "TableScan(table=" + table.name() + ", columns=" + outputType().columns().stream()
        .map(c -> c.name()).toList() + filter.map(f -> ", filter=" + f).orElse("")
        + (pushdown.isEmpty() ? "" : ", " + pushdown) + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return PlanInputs.none(inputs, this);
  }
}
