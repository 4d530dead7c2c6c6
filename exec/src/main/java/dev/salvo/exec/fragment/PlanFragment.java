package dev.salvo.exec.fragment;

import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExecNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One piece of a plan cut at its exchanges: a plan that a runner can ship and run as a unit,
 * whose leaves are table scans, constant rows and {@link ExchangeInputNode}s (the exchanges it
 * reads), and whose rows either go into an exchange ({@code output}) or, for the root fragment,
 * are the query's result. Immutable.
 *
 * @param id the fragment's number; the root fragment is 0
 * @param root the fragment's plan
 * @param output where its rows go; empty for the root fragment
 */
public record PlanFragment(int id, ExecNode root, Optional<FragmentOutput> output) {
  public PlanFragment {
    if (id < 0) {
      throw new IllegalArgumentException("id must not be negative");
    }
  }

  /** Whether this fragment produces the query's result. */
  public boolean isRoot() {
    return output.isEmpty();
  }

  /** The exchanges this fragment reads, in plan order, each naming its producer. */
  public List<ExchangeInputNode> inputs() {
    List<ExchangeInputNode> inputs = new ArrayList<>();
    collectInputs(root, inputs);
    return inputs;
  }

  private static void collectInputs(ExecNode node, List<ExchangeInputNode> inputs) {
    if (node instanceof ExchangeInputNode input) {
      inputs.add(input);
    }
    for (ExecNode child : node.inputs()) {
      collectInputs(child, inputs);
    }
  }

  /** One line for EXPLAIN: the fragment, what it reads and where its rows go. */
  public String describe() {
    StringBuilder text = new StringBuilder("Fragment ").append(id).append(": reads ");
    List<ExchangeInputNode> inputs = inputs();
    if (inputs.isEmpty()) {
      text.append("tables");
    } else {
      text.append(String.join(", ", inputs.stream()
          .map(input -> "fragment " + input.sourceFragment() + " (" + input.partitions()
              + " partitions)").toList()));
    }
    text.append(", writes ");
    if (output.isEmpty()) {
      text.append("the result");
    } else {
      FragmentOutput target = output.get();
      text.append("to fragment ").append(target.targetFragment()).append(" (")
          .append(target.partitions()).append(" partitions, ")
          .append(target.keys().isEmpty() ? "round_robin" : "hash" + target.keys().stream()
              .map(key -> root.outputType().column(key).name()).toList())
          .append(')');
    }
    return text.toString();
  }
}
