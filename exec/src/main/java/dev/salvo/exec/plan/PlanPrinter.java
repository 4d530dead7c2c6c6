package dev.salvo.exec.plan;

/** Renders an {@link ExecNode} tree as indented lines, one node per line, for EXPLAIN. */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static String print(ExecNode root) {
    StringBuilder text = new StringBuilder();
    print(root, 0, text);
    return text.toString();
  }

  private static void print(ExecNode node, int depth, StringBuilder text) {
    text.append("  ".repeat(depth)).append(node.describe()).append('\n');
    for (ExecNode input : node.inputs()) {
      print(input, depth + 1, text);
    }
  }
}
