package dev.salvo.exec.plan;

import java.util.List;

/** Checks of the inputs handed to {@link ExecNode#withInputs(List)}. */
final class PlanInputs {
  private PlanInputs() {}

  static void requireCount(List<ExecNode> inputs, int expected, ExecNode node) {
    if (inputs.size() != expected) {
      throw new IllegalArgumentException(node.describe() + " takes " + expected
          + " input(s), got " + inputs.size());
    }
  }

  /** The one input of a node that has one. */
  static ExecNode only(List<ExecNode> inputs, ExecNode node) {
    requireCount(inputs, 1, node);
    return inputs.get(0);
  }

  /** A leaf node itself, after checking it is given no inputs. */
  static ExecNode none(List<ExecNode> inputs, ExecNode node) {
    requireCount(inputs, 0, node);
    return node;
  }
}
