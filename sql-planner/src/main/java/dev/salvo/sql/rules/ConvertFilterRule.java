package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoFilter;
import dev.salvo.sql.rel.SalvoRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalFilter;

/** Turns a logical filter into a Salvo filter. */
public final class ConvertFilterRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalFilter.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertFilterRule")
      .withRuleFactory(ConvertFilterRule::new);

  private ConvertFilterRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalFilter filter = (LogicalFilter) rel;
    return new SalvoFilter(filter.getCluster(), filter.getTraitSet().replace(SalvoRel.CONVENTION),
        convert(filter.getInput(), SalvoRel.CONVENTION), filter.getCondition());
  }
}
