package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoAggregate;
import dev.salvo.sql.rel.SalvoTableScan;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;

/**
 * Narrows a table scan to the columns the aggregate on top of it (and the scan's own filter)
 * use. Merging projections into aggregates leaves aggregates reading scans directly, so without
 * this rule a grouped query would read every column of the table (every column chunk of a
 * Parquet file).
 */
public final class PushAggregateInputIntoScanRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("PushAggregateInputIntoScanRule",
      aggregate -> aggregate.operand(SalvoAggregate.class)
          .oneInput(scan -> scan.operand(SalvoTableScan.class).noInputs()),
      PushAggregateInputIntoScanRule::new);

  private PushAggregateInputIntoScanRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    SalvoAggregate aggregate = call.rel(0);
    SalvoTableScan scan = call.rel(1);
    ScanNarrowing narrowing = ScanNarrowing.of(scan, AggregateInputs.used(aggregate));
    if (narrowing == null) {
      return;
    }
    call.transformTo(AggregateInputs.over(aggregate, narrowing.scan(), narrowing.mapping()));
  }
}
