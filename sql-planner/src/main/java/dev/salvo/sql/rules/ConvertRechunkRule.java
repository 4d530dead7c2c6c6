package dev.salvo.sql.rules;

import dev.salvo.sql.rel.LogicalRechunk;
import dev.salvo.sql.rel.SalvoRechunk;
import dev.salvo.sql.rel.SalvoRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Turns a logical re-chunking (from an INTO_BATCHES hint) into a Salvo re-chunking. */
public final class ConvertRechunkRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalRechunk.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertRechunkRule")
      .withRuleFactory(ConvertRechunkRule::new);

  private ConvertRechunkRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalRechunk rechunk = (LogicalRechunk) rel;
    return new SalvoRechunk(rechunk.getCluster(),
        rechunk.getTraitSet().replace(SalvoRel.CONVENTION),
        convert(rechunk.getInput(), SalvoRel.CONVENTION), rechunk.rows());
  }
}
