package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoAggregate;
import dev.salvo.sql.rel.SalvoRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalAggregate;

/** Turns a logical aggregate into a Salvo hash aggregate. */
public final class ConvertAggregateRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalAggregate.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertAggregateRule")
      .withRuleFactory(ConvertAggregateRule::new);

  private ConvertAggregateRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalAggregate aggregate = (LogicalAggregate) rel;
    return new SalvoAggregate(aggregate.getCluster(),
        aggregate.getTraitSet().replace(SalvoRel.CONVENTION), aggregate.getHints(),
        convert(aggregate.getInput(), SalvoRel.CONVENTION), aggregate.getGroupSet(),
        aggregate.getGroupSets(), aggregate.getAggCallList());
  }
}
