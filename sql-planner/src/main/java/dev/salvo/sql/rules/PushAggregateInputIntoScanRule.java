package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoAggregate;
import dev.salvo.sql.rel.SalvoTableScan;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.Mappings;

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
    ImmutableBitSet.Builder usedBuilder = ImmutableBitSet.builder();
    usedBuilder.addAll(aggregate.getGroupSet());
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      usedBuilder.addAll(aggregateCall.getArgList());
      if (aggregateCall.filterArg >= 0) {
        usedBuilder.set(aggregateCall.filterArg);
      }
      aggregateCall.getCollation().getFieldCollations()
          .forEach(collation -> usedBuilder.set(collation.getFieldIndex()));
    }
    ScanNarrowing narrowing = ScanNarrowing.of(scan, usedBuilder.build());
    if (narrowing == null) {
      return;
    }
    Mapping mapping = narrowing.mapping();
    // The mapping keeps column order, so group keys keep their order and output positions.
    List<ImmutableBitSet> groupSets = aggregate.getGroupSets().stream()
        .map(groupSet -> Mappings.apply(mapping, groupSet)).toList();
    List<AggregateCall> calls = aggregate.getAggCallList().stream()
        .map(aggregateCall -> aggregateCall.transform(mapping)).toList();
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), narrowing.scan(),
        Mappings.apply(mapping, aggregate.getGroupSet()), groupSets, calls));
  }
}
