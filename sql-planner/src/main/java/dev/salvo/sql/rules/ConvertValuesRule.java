package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoRel;
import dev.salvo.sql.rel.SalvoValues;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalValues;

/** Turns logical constant rows into Salvo values. */
public final class ConvertValuesRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalValues.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertValuesRule")
      .withRuleFactory(ConvertValuesRule::new);

  private ConvertValuesRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalValues values = (LogicalValues) rel;
    return new SalvoValues(values.getCluster(), values.getRowType(), values.getTuples(),
        values.getTraitSet().replace(SalvoRel.CONVENTION));
  }
}
