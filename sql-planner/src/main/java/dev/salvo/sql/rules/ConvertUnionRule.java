package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoRel;
import dev.salvo.sql.rel.SalvoUnion;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalUnion;

/** Turns a logical UNION ALL into a Salvo union. */
public final class ConvertUnionRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalUnion.class, (LogicalUnion union) -> union.all, Convention.NONE,
          SalvoRel.CONVENTION, "ConvertUnionRule")
      .withRuleFactory(ConvertUnionRule::new);

  private ConvertUnionRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalUnion union = (LogicalUnion) rel;
    return new SalvoUnion(union.getCluster(), union.getTraitSet().replace(SalvoRel.CONVENTION),
        convertList(union.getInputs(), SalvoRel.CONVENTION));
  }
}
