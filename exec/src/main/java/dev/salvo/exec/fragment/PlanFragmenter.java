package dev.salvo.exec.fragment;

import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a plan into fragments at its {@link ExchangeNode}s, the seam where a distributed runner
 * moves rows between machines: the exchange's input becomes a fragment of its own, writing into
 * the exchange, and the exchange itself becomes an {@link ExchangeInputNode} of the fragment
 * above. Fragments are numbered from the root (0) down, in plan order.
 *
 * <pre>
 *   Project(ExternalCall(Exchange[8, hash k](Filter(TableScan))))
 *     fragment 0: Project(ExternalCall(ExchangeInput[fragment 1, 8 partitions]))   -> result
 *     fragment 1: Filter(TableScan)                                  -> fragment 0, hash k
 * </pre>
 *
 * Nodes without an exchange below them are kept as they are (same objects), so a plan without
 * exchanges is one fragment whose root is the plan itself.
 */
public final class PlanFragmenter {
  private final List<PlanFragment> fragments = new ArrayList<>();

  private PlanFragmenter() {}

  public static FragmentedPlan fragment(ExecNode plan) {
    PlanFragmenter fragmenter = new PlanFragmenter();
    fragmenter.fragments.add(null);
    ExecNode root = fragmenter.cut(plan, 0);
    fragmenter.fragments.set(0, new PlanFragment(0, root, Optional.empty()));
    return new FragmentedPlan(fragmenter.fragments);
  }

  /** {@code node} as part of fragment {@code fragmentId}, its exchanges cut off. */
  private ExecNode cut(ExecNode node, int fragmentId) {
    if (node instanceof ExchangeNode exchange) {
      int producer = fragments.size();
      fragments.add(null);
      ExecNode producerRoot = cut(exchange.input(), producer);
      fragments.set(producer, new PlanFragment(producer, producerRoot, Optional.of(
          new FragmentOutput(fragmentId, exchange.partitions(), exchange.keys()))));
      return new ExchangeInputNode(producer, exchange.partitions(), exchange.keys(),
          exchange.outputType());
    }
    List<ExecNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (ExecNode input : node.inputs()) {
      ExecNode cut = cut(input, fragmentId);
      changed |= cut != input;
      inputs.add(cut);
    }
    return changed ? node.withInputs(inputs) : node;
  }
}
