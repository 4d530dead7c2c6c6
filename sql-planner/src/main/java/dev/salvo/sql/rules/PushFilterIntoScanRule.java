package dev.salvo.sql.rules;

import dev.salvo.sql.function.JavaFunctionOperator;
import dev.salvo.sql.rel.SalvoFilter;
import dev.salvo.sql.rel.SalvoTableScan;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Evaluates a filter inside the table scan that feeds it, so rows that fail it never leave the
 * scan (and a source that can skip data, such as Parquet later, can use it).
 */
public final class PushFilterIntoScanRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("PushFilterIntoScanRule",
      filter -> filter.operand(SalvoFilter.class)
          .oneInput(scan -> scan.operand(SalvoTableScan.class).noInputs()),
      PushFilterIntoScanRule::new);

  private PushFilterIntoScanRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    SalvoFilter filter = call.rel(0);
    SalvoTableScan scan = call.rel(1);
    if (JavaFunctionOperator.isCalledIn(filter.getCondition())) {
      // A scan evaluates only vectorized expressions; UDF calls need their own operator.
      return;
    }
    RexNode condition = scan.filter() == null ? filter.getCondition()
        : RexUtil.composeConjunction(filter.getCluster().getRexBuilder(),
            List.of(scan.filter(), filter.getCondition()));
    call.transformTo(scan.withFilter(condition));
  }
}
