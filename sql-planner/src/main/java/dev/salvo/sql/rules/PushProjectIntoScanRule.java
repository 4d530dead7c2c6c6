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
    ScanNarrowing narrowing = ScanNarrowing.of(scan,
        RelOptUtil.InputFinder.bits(project.getProjects(), null));
    if (narrowing == null) {
      return;
    }
    List<RexNode> newExpressions = new ArrayList<>(project.getProjects().size());
    for (RexNode expression : project.getProjects()) {
      newExpressions.add(expression.accept(narrowing.shuttle()));
    }
    RelNode result = project.copy(project.getTraitSet(), narrowing.scan(), newExpressions,
        project.getRowType());
    call.transformTo(result);
  }
}
