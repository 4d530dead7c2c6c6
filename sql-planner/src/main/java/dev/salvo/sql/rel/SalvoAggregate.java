package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Hash aggregation: one output row per distinct group key. */
public final class SalvoAggregate extends Aggregate implements SalvoRel {
  public SalvoAggregate(RelOptCluster cluster, RelTraitSet traitSet, List<RelHint> hints,
      RelNode input, ImmutableBitSet groupSet, @Nullable List<ImmutableBitSet> groupSets,
      List<AggregateCall> aggCalls) {
    super(cluster, traitSet, hints, input, groupSet, groupSets, aggCalls);
  }

  @Override
  public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
      @Nullable List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
    return new SalvoAggregate(getCluster(), traitSet, getHints(), input, groupSet, groupSets,
        aggCalls);
  }
}
