package dev.salvo.exec.statistics;

import dev.salvo.exec.plan.ExecNode;
import java.util.ArrayList;
import java.util.List;

/** Renders a plan that has run as indented lines, each node followed by its figures. */
public final class AnalyzedPlanPrinter {
  private AnalyzedPlanPrinter() {}

  public static List<String> print(ExecNode root, QueryStatistics statistics) {
    List<String> lines = new ArrayList<>();
    print(root, 0, statistics, lines);
    lines.add("query peak_memory_bytes=" + statistics.peakMemoryBytes());
    return lines;
  }

  private static void print(ExecNode node, int depth, QueryStatistics statistics,
      List<String> lines) {
    OperatorStatistics figures = statistics.get(node);
    lines.add("  ".repeat(depth) + node.describe() + "  ["
        + (figures == null ? "not run" : figures.render()) + "]");
    for (ExecNode input : node.inputs()) {
      print(input, depth + 1, statistics, lines);
    }
  }
}
