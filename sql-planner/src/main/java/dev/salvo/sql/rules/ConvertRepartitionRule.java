package dev.salvo.sql.rules;

import dev.salvo.sql.rel.LogicalRepartition;
import dev.salvo.sql.rel.SalvoRel;
import dev.salvo.sql.rel.SalvoRepartition;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Turns a logical repartition (from a REPARTITION hint) into a Salvo exchange. */
public final class ConvertRepartitionRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalRepartition.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertRepartitionRule")
      .withRuleFactory(ConvertRepartitionRule::new);

  private ConvertRepartitionRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalRepartition repartition = (LogicalRepartition) rel;
    return new SalvoRepartition(repartition.getCluster(),
        repartition.getTraitSet().replace(SalvoRel.CONVENTION),
        convert(repartition.getInput(), SalvoRel.CONVENTION), repartition.partitions(),
        repartition.keys());
  }
}
