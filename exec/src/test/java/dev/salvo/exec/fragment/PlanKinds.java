package dev.salvo.exec.fragment;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.TableScanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test helper: the node and expression classes a plan holds, to check a corpus covers them. */
public final class PlanKinds {
  private PlanKinds() {}

  /** Adds the classes of {@code node}, its inputs and all their expressions to the sets. */
  public static void collect(ExecNode node, Set<Class<?>> nodes, Set<Class<?>> expressions) {
    nodes.add(node.getClass());
    List<Expression> found = new ArrayList<>();
    if (node instanceof ProjectNode project) {
      found.addAll(project.expressions());
    } else if (node instanceof FilterNode filter) {
      found.add(filter.condition());
    } else if (node instanceof TableScanNode scan) {
      scan.filter().ifPresent(found::add);
    } else if (node instanceof HashJoinNode join) {
      join.residual().ifPresent(found::add);
    }
    while (!found.isEmpty()) {
      Expression expression = found.remove(found.size() - 1);
      expressions.add(expression.getClass());
      if (expression instanceof Call call) {
        found.addAll(call.arguments());
      }
    }
    node.inputs().forEach(input -> collect(input, nodes, expressions));
  }
}
