package dev.salvo.exec.fragment;

import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan cut into {@link PlanFragment}s at its exchanges, fragment {@code i} at position
 * {@code i}; fragment 0 produces the result. Checked when built: every exchange a fragment reads
 * is written by exactly the fragment it names, with the same partitions and keys.
 */
public record FragmentedPlan(List<PlanFragment> fragments) {
  public FragmentedPlan {
    fragments = List.copyOf(fragments);
    if (fragments.isEmpty() || !fragments.get(0).isRoot()) {
      throw new IllegalArgumentException("Fragment 0 must produce the result");
    }
    int[] readers = new int[fragments.size()];
    for (int i = 0; i < fragments.size(); i++) {
      PlanFragment fragment = fragments.get(i);
      if (fragment.id() != i) {
        throw new IllegalArgumentException("Fragment " + fragment.id() + " is at position " + i);
      }
      if (i > 0 && fragment.isRoot()) {
        throw new IllegalArgumentException("Fragment " + i + " has no output");
      }
      for (ExchangeInputNode input : fragment.inputs()) {
        int source = input.sourceFragment();
        if (source <= 0 || source >= fragments.size()) {
          throw new IllegalArgumentException("Fragment " + i + " reads fragment " + source
              + ", which does not exist");
        }
        FragmentOutput output = fragments.get(source).output().orElseThrow();
        if (output.targetFragment() != i || output.partitions() != input.partitions()
            || !output.keys().equals(input.keys())) {
          throw new IllegalArgumentException("Fragment " + i + " reads fragment " + source
              + " as " + input.describe() + ", which writes " + output);
        }
        readers[source]++;
      }
    }
    for (int i = 1; i < fragments.size(); i++) {
      if (readers[i] != 1) {
        throw new IllegalArgumentException("Fragment " + i + " is read " + readers[i]
            + " times instead of once");
      }
    }
  }

  /** The fragment that produces the query's result. */
  public PlanFragment root() {
    return fragments.get(0);
  }

  public PlanFragment fragment(int id) {
    return fragments.get(id);
  }

  /**
   * The whole plan again: each exchange input replaced by an {@link ExchangeNode} over the plan
   * of the fragment it reads. Cutting a plan and assembling it gives an equal plan.
   */
  public ExecNode assemble() {
    return assemble(root().root());
  }

  private ExecNode assemble(ExecNode node) {
    if (node instanceof ExchangeInputNode input) {
      return new ExchangeNode(assemble(fragment(input.sourceFragment()).root()),
          input.partitions(), input.keys());
    }
    List<ExecNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (ExecNode child : node.inputs()) {
      ExecNode assembled = assemble(child);
      changed |= assembled != child;
      inputs.add(assembled);
    }
    return changed ? node.withInputs(inputs) : node;
  }

  /** EXPLAIN's view: each fragment's description, then its plan indented below it. */
  public List<String> explainLines() {
    List<String> lines = new ArrayList<>();
    for (PlanFragment fragment : fragments) {
      lines.add(fragment.describe());
      explain(fragment.root(), 1, lines);
    }
    return lines;
  }

  private static void explain(ExecNode node, int depth, List<String> lines) {
    lines.add("  ".repeat(depth) + node.describe());
    for (ExecNode input : node.inputs()) {
      explain(input, depth + 1, lines);
    }
  }
}
