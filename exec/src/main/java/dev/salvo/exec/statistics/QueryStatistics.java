package dev.salvo.exec.statistics;

import dev.salvo.exec.plan.ExecNode;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The {@link OperatorStatistics} of every node of one query's plan, keyed by node identity
 * (two equal nodes in one plan are still two operators), plus the query's peak memory.
 */
public final class QueryStatistics {
  private final Map<ExecNode, OperatorStatistics> byNode = new IdentityHashMap<>();
  private volatile long peakMemoryBytes;

  /** The statistics of {@code node}, created on first use. */
  public synchronized OperatorStatistics of(ExecNode node) {
    return byNode.computeIfAbsent(node, n -> new OperatorStatistics());
  }

  /** The statistics recorded for {@code node}, or null if it never ran. */
  public synchronized OperatorStatistics get(ExecNode node) {
    return byNode.get(node);
  }

  public long peakMemoryBytes() {
    return peakMemoryBytes;
  }

  /** Records the query allocator's peak once the query has stopped. */
  public void recordPeakMemory(long bytes) {
    peakMemoryBytes = Math.max(peakMemoryBytes, bytes);
  }
}
