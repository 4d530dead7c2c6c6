package dev.salvo.sql.rel;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/** Keeps the rows for which the condition is true. */
public final class SalvoFilter extends Filter implements SalvoRel {
  public SalvoFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RexNode condition) {
    super(cluster, traitSet, input, condition);
  }

  @Override
  public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new SalvoFilter(getCluster(), traitSet, input, condition);
  }
}
