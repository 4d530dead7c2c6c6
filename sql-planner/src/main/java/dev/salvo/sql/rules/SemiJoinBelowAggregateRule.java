package dev.salvo.sql.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Lets only the groups an inner join can keep into an aggregation: when an aggregate joins, on
 * its group keys, a much smaller input, the aggregate's input is first semi-joined with that
 * input's keys. TPC-H Q17 averages the quantity of every one of 200,000 parts over six million
 * lineitems and then keeps the 204 parts its filter chose; reduced, it averages the few thousand
 * lineitems of those parts. The join above stays as it was, so the answer does not change.
 *
 * <p>It applies where the join compares columns with {@code =} only, at least one of them a
 * plain group key on the aggregate side (the semi join uses those), and the other input is
 * estimated at less than a tenth of the aggregate's input rows; an aggregate whose input is
 * already such a semi join is left alone.
 */
public final class SemiJoinBelowAggregateRule extends RelRule<RuleConfig> {
  /** How much smaller than the aggregate's input the other side must be for the semi join. */
  private static final double REDUCTION = 10;

  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("SemiJoinBelowAggregateRule",
      rel -> rel.operand(Join.class)
          .predicate(join -> join.getJoinType() == JoinRelType.INNER
              && (join.getLeft().stripped() instanceof Aggregate
                  || join.getRight().stripped() instanceof Aggregate))
          .anyInputs(),
      SemiJoinBelowAggregateRule::new);

  private SemiJoinBelowAggregateRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    JoinInfo info = join.analyzeCondition();
    // A null-safe key (IS NOT DISTINCT FROM) also joins the NULL group, which a semi join on
    // equality would drop.
    if (info.leftKeys.isEmpty() || info.nullExclusionFlags.contains(false)) {
      return;
    }
    RelNode left = join.getLeft().stripped();
    RelNode right = join.getRight().stripped();
    RelNode reducedLeft = left instanceof Aggregate aggregate
        ? reduce(aggregate, info.leftKeys, right, info.rightKeys, call) : null;
    RelNode reducedRight = reducedLeft == null && right instanceof Aggregate aggregate
        ? reduce(aggregate, info.rightKeys, left, info.leftKeys, call) : null;
    if (reducedLeft == null && reducedRight == null) {
      return;
    }
    call.transformTo(join.copy(join.getTraitSet(), join.getCondition(),
        reducedLeft != null ? reducedLeft : join.getLeft(),
        reducedRight != null ? reducedRight : join.getRight(),
        join.getJoinType(), join.isSemiJoinDone()));
  }

  /** The aggregate over its input semi-joined with {@code other}, or null when not worth it. */
  private static RelNode reduce(Aggregate aggregate, List<Integer> aggregateKeys, RelNode other,
      List<Integer> otherKeys, RelOptRuleCall call) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE
        || aggregate.getInput().stripped() instanceof Join input
            && input.getJoinType() == JoinRelType.SEMI) {
      return null;
    }
    // The keys that are group keys; one compared with an aggregate's result (Q2 joins on the
    // minimum cost) waits for the join above.
    List<Integer> groupKeys = aggregate.getGroupSet().asList();
    List<Integer> inputKeys = new ArrayList<>(aggregateKeys.size());
    List<Integer> semiJoinOtherKeys = new ArrayList<>(aggregateKeys.size());
    for (int i = 0; i < aggregateKeys.size(); i++) {
      if (aggregateKeys.get(i) < groupKeys.size()) {
        inputKeys.add(groupKeys.get(aggregateKeys.get(i)));
        semiJoinOtherKeys.add(otherKeys.get(i));
      }
    }
    if (inputKeys.isEmpty()) {
      return null;
    }
    RelMetadataQuery metadata = call.getMetadataQuery();
    Double otherRows = metadata.getRowCount(other);
    Double inputRows = metadata.getRowCount(aggregate.getInput());
    if (otherRows == null || inputRows == null || otherRows * REDUCTION > inputRows) {
      return null;
    }
    // Only the columns the aggregate reads go through the semi join: the aggregate no longer
    // sits on its scan, so nothing else would narrow the scan to them.
    ImmutableBitSet used = AggregateInputs.used(aggregate);
    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION,
        aggregate.getInput().getRowType().getFieldCount(), used.cardinality());
    int target = 0;
    for (int source : used) {
      mapping.set(source, target++);
    }
    RelBuilder builder = call.builder();
    builder.push(aggregate.getInput()).project(builder.fields(used.asList()));
    builder.push(other);
    List<RexNode> equalities = new ArrayList<>(inputKeys.size());
    for (int i = 0; i < inputKeys.size(); i++) {
      equalities.add(builder.equals(builder.field(2, 0, mapping.getTarget(inputKeys.get(i))),
          builder.field(2, 1, semiJoinOtherKeys.get(i))));
    }
    builder.semiJoin(equalities);
    return AggregateInputs.over(aggregate, builder.build(), mapping);
  }
}
