package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoRel;
import dev.salvo.sql.rel.SalvoTableScan;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableScan;

/** Turns a logical table scan into a Salvo scan of every column. */
public final class ConvertTableScanRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalTableScan.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertTableScanRule")
      .withRuleFactory(ConvertTableScanRule::new);

  private ConvertTableScanRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalTableScan scan = (LogicalTableScan) rel;
    return SalvoTableScan.of(scan.getCluster(),
        scan.getTraitSet().replace(SalvoRel.CONVENTION), scan.getTable());
  }
}
