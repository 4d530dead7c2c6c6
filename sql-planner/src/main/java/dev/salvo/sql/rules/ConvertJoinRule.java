package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoJoin;
import dev.salvo.sql.rel.SalvoRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;

/** Turns a logical join of a kind the executor runs into a Salvo join. */
public final class ConvertJoinRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalJoin.class, ConvertJoinRule::isSupported, Convention.NONE,
          SalvoRel.CONVENTION, "ConvertJoinRule")
      .withRuleFactory(ConvertJoinRule::new);

  private ConvertJoinRule(Config config) {
    super(config);
  }

  private static boolean isSupported(LogicalJoin join) {
    JoinRelType type = join.getJoinType();
    return type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.RIGHT
        || type == JoinRelType.FULL || type == JoinRelType.SEMI || type == JoinRelType.ANTI;
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalJoin join = (LogicalJoin) rel;
    return new SalvoJoin(join.getCluster(), join.getTraitSet().replace(SalvoRel.CONVENTION),
        join.getHints(), convert(join.getLeft(), SalvoRel.CONVENTION),
        convert(join.getRight(), SalvoRel.CONVENTION), join.getCondition(), join.getJoinType());
  }
}
