package dev.salvo.sql.rules;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Pulls the conjuncts every branch of an OR shares out of it, in filters and inner-join
 * conditions: {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}. The rules that
 * push conditions down then see {@code a} on its own, so a condition on one input (TPC-H Q19's
 * ship mode and instruction) filters that input's scan instead of every joined row, and an
 * equality repeated in each branch becomes a hash key.
 */
public final class PullCommonFactorsRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("PullCommonFactorsRule",
      rel -> rel.operand(RelNode.class)
          .predicate(PullCommonFactorsRule::hasOr)
          .anyInputs(),
      PullCommonFactorsRule::new);

  private PullCommonFactorsRule(RuleConfig config) {
    super(config);
  }

  private static boolean hasOr(RelNode rel) {
    if (rel instanceof Filter filter) {
      return filter.getCondition().isA(SqlKind.OR);
    }
    // Only an inner join's condition may move: an outer join's decides which rows match.
    return rel instanceof Join join && join.getJoinType() == JoinRelType.INNER
        && join.getCondition().isA(SqlKind.OR);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    var rexBuilder = rel.getCluster().getRexBuilder();
    if (rel instanceof Filter filter) {
      RexNode pulled = RexUtil.pullFactors(rexBuilder, filter.getCondition());
      if (!pulled.equals(filter.getCondition())) {
        call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), pulled));
      }
    } else if (rel instanceof Join join) {
      RexNode pulled = RexUtil.pullFactors(rexBuilder, join.getCondition());
      if (!pulled.equals(join.getCondition())) {
        call.transformTo(join.copy(join.getTraitSet(), pulled, join.getLeft(), join.getRight(),
            join.getJoinType(), join.isSemiJoinDone()));
      }
    }
  }
}
