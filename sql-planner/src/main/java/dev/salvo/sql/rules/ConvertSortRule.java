package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoRel;
import dev.salvo.sql.rel.SalvoSort;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalSort;

/** Turns a logical sort (or limit) into a Salvo sort. */
public final class ConvertSortRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalSort.class, Convention.NONE, SalvoRel.CONVENTION, "ConvertSortRule")
      .withRuleFactory(ConvertSortRule::new);

  private ConvertSortRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalSort sort = (LogicalSort) rel;
    return new SalvoSort(sort.getCluster(), sort.getTraitSet().replace(SalvoRel.CONVENTION),
        convert(sort.getInput(), SalvoRel.CONVENTION), sort.getCollation(), sort.offset,
        sort.fetch);
  }
}
