package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/** The logical form of a REPARTITION hint, placed right after conversion to relational algebra so the logical rewrites keep it where the hint put it: {@code partitions} partitions, hashed on the input columns {@code keys}. */
public final class LogicalRepartition extends SingleRel {
  private final int partitions;
  private final List<Integer> keys;

  public LogicalRepartition(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      int partitions, List<Integer> keys) {
    super(cluster, traits, input);
    this.partitions = partitions;
    this.keys = List.copyOf(keys);
  }

  /** A logical repartition of {@code input}. */
  public static LogicalRepartition create(RelNode input, int partitions, List<Integer> keys) {
    return new LogicalRepartition(input.getCluster(),
        input.getCluster().traitSetOf(Convention.NONE), input, partitions, keys);
  }

  public int partitions() {
    return partitions;
  }

  /** Input column positions to hash on; empty for a round-robin spread. */
  public List<Integer> keys() {
    return keys;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalRepartition(getCluster(), traitSet, sole(inputs), partitions, keys);
  }

  @Override
  public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer)
        .item("partitions", partitions)
        .item("distribution", keys.isEmpty() ? "round_robin" : "hash" + keys);
  }
}
