package dev.salvo.sql.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Adds to an inner join's condition what an OR in it implies about one input alone. In TPC-H
 * Q7, {@code (n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND n2 = 'FRANCE')} implies
 * {@code n1 = 'FRANCE' OR n1 = 'GERMANY'} and the same of {@code n2}; pushed down, those keep two
 * of 25 nations in each nation scan instead of filtering the joined rows at the top. The OR
 * itself stays, so the result is the same.
 *
 * <p>An input gets a derived condition only when every branch of the OR constrains it. The rule
 * runs in a phase of its own: it skips conditions it already added, and the rewrites that run
 * after it push them down.
 */
public final class DeriveOrPredicatesRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("DeriveOrPredicatesRule",
      rel -> rel.operand(Join.class)
          .predicate(join -> join.getJoinType() == JoinRelType.INNER
              && RelOptUtil.conjunctions(join.getCondition()).stream()
                  .anyMatch(conjunct -> conjunct.isA(SqlKind.OR)))
          .anyInputs(),
      DeriveOrPredicatesRule::new);

  private DeriveOrPredicatesRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    RexBuilder rexBuilder = join.getCluster().getRexBuilder();
    int leftCount = join.getLeft().getRowType().getFieldCount();
    int fieldCount = join.getRowType().getFieldCount();
    List<ImmutableBitSet> inputs = List.of(ImmutableBitSet.range(0, leftCount),
        ImmutableBitSet.range(leftCount, fieldCount));
    List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getCondition());
    List<RexNode> derived = new ArrayList<>();
    for (RexNode conjunct : conjuncts) {
      if (!conjunct.isA(SqlKind.OR)) {
        continue;
      }
      for (ImmutableBitSet input : inputs) {
        RexNode implied = impliedFor(input, conjunct, rexBuilder);
        if (implied != null && !conjuncts.contains(implied) && !derived.contains(implied)) {
          derived.add(implied);
        }
      }
    }
    if (derived.isEmpty()) {
      return;
    }
    List<RexNode> condition = new ArrayList<>(conjuncts);
    condition.addAll(derived);
    call.transformTo(join.copy(join.getTraitSet(),
        RexUtil.composeConjunction(rexBuilder, condition), join.getLeft(), join.getRight(),
        join.getJoinType(), join.isSemiJoinDone()));
  }

  /**
   * The OR of each branch's conditions on {@code input}'s fields alone; null when some branch
   * has none (then the OR implies nothing about that input).
   */
  private static RexNode impliedFor(ImmutableBitSet input, RexNode or, RexBuilder rexBuilder) {
    List<RexNode> branches = new ArrayList<>();
    for (RexNode branch : RelOptUtil.disjunctions(or)) {
      List<RexNode> local = new ArrayList<>();
      for (RexNode part : RelOptUtil.conjunctions(branch)) {
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(part);
        if (!used.isEmpty() && input.contains(used) && RexUtil.isDeterministic(part)) {
          local.add(part);
        }
      }
      if (local.isEmpty()) {
        return null;
      }
      branches.add(RexUtil.composeConjunction(rexBuilder, local));
    }
    return RexUtil.composeDisjunction(rexBuilder, branches);
  }
}
