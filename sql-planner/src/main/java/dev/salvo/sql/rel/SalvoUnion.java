package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;

/** UNION ALL of its inputs (UNION DISTINCT is rewritten into an aggregate over this). */
public final class SalvoUnion extends Union implements SalvoRel {
  public SalvoUnion(RelOptCluster cluster, RelTraitSet traitSet, List<RelNode> inputs) {
    super(cluster, traitSet, List.of(), inputs, true);
  }

  @Override
  public SetOp copy(RelTraitSet traitSet, List<RelNode> inputs, boolean all) {
    return new SalvoUnion(getCluster(), traitSet, inputs);
  }
}
