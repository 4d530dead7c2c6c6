package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoProject;
import dev.salvo.sql.rel.SalvoTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Narrows a table scan to the columns the projection above it (and the scan's own filter) use, so
 * unused columns are never produced. The projection stays unless it only forwarded columns.
 */
public final class PushProjectIntoScanRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("PushProjectIntoScanRule",
      project -> project.operand(SalvoProject.class)
          .oneInput(scan -> scan.operand(SalvoTableScan.class).noInputs()),
      PushProjectIntoScanRule::new);

  private PushProjectIntoScanRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    SalvoProject project = call.rel(0);
    SalvoTableScan scan = call.rel(1);
    ImmutableBitSet.Builder usedBuilder = ImmutableBitSet.builder();
    usedBuilder.addAll(RelOptUtil.InputFinder.bits(project.getProjects(), null));
    if (scan.filter() != null) {
      usedBuilder.addAll(RelOptUtil.InputFinder.bits(scan.filter()));
    }
    ImmutableBitSet used = usedBuilder.build();
    int scanWidth = scan.getRowType().getFieldCount();
    if (used.cardinality() == scanWidth) {
      return;
    }
    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, scanWidth,
        used.cardinality());
    List<Integer> newProjects = new ArrayList<>(used.cardinality());
    int target = 0;
    for (int source : used) {
      mapping.set(source, target++);
      newProjects.add(scan.projects().get(source));
    }
    RexPermuteInputsShuttle shuttle = new RexPermuteInputsShuttle(mapping, scan);
    RexNode newFilter = scan.filter() == null ? null : scan.filter().accept(shuttle);
    SalvoTableScan narrowed = scan.withProjects(ImmutableIntList.copyOf(newProjects), newFilter);
    List<RexNode> newExpressions = new ArrayList<>(project.getProjects().size());
    for (RexNode expression : project.getProjects()) {
      newExpressions.add(expression.accept(shuttle));
    }
    RelNode result = project.copy(project.getTraitSet(), narrowed, newExpressions,
        project.getRowType());
    call.transformTo(result);
  }
}
