package dev.salvo.sql.rel;

import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rex.RexNode;

/**
 * A join run as a hash join on its equi-keys (the residual condition checked per candidate
 * pair), or as a nested-loop join when the condition has no equality between the two sides.
 */
public final class SalvoJoin extends Join implements SalvoRel {
  public SalvoJoin(RelOptCluster cluster, RelTraitSet traitSet, List<RelHint> hints,
      RelNode left, RelNode right, RexNode condition, JoinRelType joinType) {
    super(cluster, traitSet, hints, left, right, condition, Set.<CorrelationId>of(), joinType);
  }

  @Override
  public Join copy(RelTraitSet traitSet, RexNode condition, RelNode left, RelNode right,
      JoinRelType joinType, boolean semiJoinDone) {
    return new SalvoJoin(getCluster(), traitSet, getHints(), left, right, condition, joinType);
  }
}
