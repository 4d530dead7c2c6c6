package dev.salvo.sql.rel;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** ORDER BY with optional OFFSET and FETCH; with no sort keys it is a plain limit. */
public final class SalvoSort extends Sort implements SalvoRel {
  public SalvoSort(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RelCollation collation, @Nullable RexNode offset, @Nullable RexNode fetch) {
    super(cluster, traitSet, input, collation, offset, fetch);
  }

  @Override
  public Sort copy(RelTraitSet traitSet, RelNode input, RelCollation collation,
      @Nullable RexNode offset, @Nullable RexNode fetch) {
    return new SalvoSort(getCluster(), traitSet, input, collation, offset, fetch);
  }
}
