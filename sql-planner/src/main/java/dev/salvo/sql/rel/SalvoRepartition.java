package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/** Redistributes rows into partitions that run in parallel (an exchange): {@code partitions} partitions, hashed on the input columns {@code keys}. */
public final class SalvoRepartition extends SingleRel implements SalvoRel {
  private final int partitions;
  private final List<Integer> keys;

  public SalvoRepartition(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      int partitions, List<Integer> keys) {
    super(cluster, traits, input);
    this.partitions = partitions;
    this.keys = List.copyOf(keys);
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
    return new SalvoRepartition(getCluster(), traitSet, sole(inputs), partitions, keys);
  }

  @Override
  public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer)
        .item("partitions", partitions)
        .item("distribution", keys.isEmpty() ? "round_robin" : "hash" + keys);
  }
}
