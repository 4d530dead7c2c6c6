package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;

/** Window functions: the input's columns followed by one column per window call. */
public final class SalvoWindow extends Window implements SalvoRel {
  public SalvoWindow(RelOptCluster cluster, RelTraitSet traitSet, List<RelHint> hints,
      RelNode input, List<RexLiteral> constants, RelDataType rowType, List<Group> groups) {
    super(cluster, traitSet, hints, input, constants, rowType, groups);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SalvoWindow(getCluster(), traitSet, getHints(), sole(inputs), constants,
        getRowType(), groups);
  }

  @Override
  public Window copy(List<RexLiteral> newConstants) {
    return new SalvoWindow(getCluster(), getTraitSet(), getHints(), getInput(), newConstants,
        getRowType(), groups);
  }
}
