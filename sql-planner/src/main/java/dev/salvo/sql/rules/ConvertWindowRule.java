package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoRel;
import dev.salvo.sql.rel.SalvoWindow;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalWindow;

/** Turns a logical window into a Salvo window. */
public final class ConvertWindowRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalWindow.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertWindowRule")
      .withRuleFactory(ConvertWindowRule::new);

  private ConvertWindowRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalWindow window = (LogicalWindow) rel;
    return new SalvoWindow(window.getCluster(), window.getTraitSet().replace(SalvoRel.CONVENTION),
        window.getHints(), convert(window.getInput(), SalvoRel.CONVENTION),
        window.getConstants(), window.getRowType(), window.groups);
  }
}
