package dev.salvo.exec.pipeline;

import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExtensionNode;
import dev.salvo.exec.plan.ExternalCallNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the parts of a plan that occur in it more than once, equal node for node (plan nodes
 * compare by value; tables by identity): the planner expands a WITH query at each place that
 * reads it, and a subquery over the same rows as its outer query plans the same way.
 */
final class RepeatedSubplans {
  private RepeatedSubplans() {}

  /**
   * The aggregations that occur more than once and may be computed once for every place: not
   * those calling user code (whose calls are counted, and may differ from call to call) or
   * reading another fragment's rows.
   */
  static Set<ExecNode> aggregations(ExecNode plan) {
    Map<ExecNode, Integer> occurrences = new HashMap<>();
    count(plan, occurrences);
    Set<ExecNode> repeated = new HashSet<>();
    occurrences.forEach((node, count) -> {
      if (count > 1 && node instanceof AggregateNode && isRepeatable(node)) {
        repeated.add(node);
      }
    });
    return repeated;
  }

  private static void count(ExecNode node, Map<ExecNode, Integer> occurrences) {
    if (node instanceof AggregateNode) {
      occurrences.merge(node, 1, Integer::sum);
    }
    node.inputs().forEach(input -> count(input, occurrences));
  }

  private static boolean isRepeatable(ExecNode node) {
    if (node instanceof ExternalCallNode || node instanceof ExtensionNode
        || node instanceof ExchangeInputNode) {
      return false;
    }
    return node.inputs().stream().allMatch(RepeatedSubplans::isRepeatable);
  }
}
