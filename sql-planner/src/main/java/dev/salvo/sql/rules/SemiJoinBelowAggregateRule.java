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
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Lets only the groups an inner join can keep into an aggregation: when an aggregate joins, on
 * its group keys, a much smaller input, the aggregate's input is first semi-joined with that
 * input's keys, below the inner joins of the aggregate's input that the keys come through.
 * TPC-H Q17 averages the quantity of every one of 200,000 parts over six million lineitems and
 * then keeps the 204 parts its filter chose; reduced, it averages the few thousand lineitems of
 * those parts. The join above stays as it was, so the answer does not change.
 *
 * <p>It applies where the join compares columns with {@code =} only, at least one of them a
 * plain group key on the aggregate side (the semi join uses those), and the other input is
 * estimated at less than a tenth of the aggregate's input rows; an aggregate whose input
 * already holds such a semi join (at its top, or down the joins its keys come through) is left
 * alone.
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
        || reducedBefore(aggregate.getInput(), aggregateInputKeys(aggregate, aggregateKeys))) {
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
    RelNode input = aggregate.getInput();
    RelNode pushed = semiJoinBelowJoin(input, inputKeys, other, semiJoinOtherKeys, builder);
    if (pushed != null) {
      builder.push(pushed).project(builder.fields(used.asList()));
    } else {
      builder.push(input).project(builder.fields(used.asList()));
      semiJoin(builder, inputKeys.stream().map(mapping::getTarget).toList(), other,
          semiJoinOtherKeys);
    }
    return AggregateInputs.over(aggregate, builder.build(), mapping);
  }

  /**
   * {@code input} with the semi join placed on the input of its inner join (seen through
   * projections of plain columns) that holds all of {@code keys}, as deep as such joins go, so
   * that the joins see only the rows it keeps: Q2's minimum cost per part joins 800,000
   * partsupp rows with the European suppliers unless the 747 chosen parts filter them first.
   * Null when {@code input} is no such join.
   */
  private static RelNode semiJoinBelowJoin(RelNode input, List<Integer> keys, RelNode other,
      List<Integer> otherKeys, RelBuilder builder) {
    RelNode node = input.stripped();
    if (node instanceof Project project) {
      List<Integer> inputKeys = throughProject(project, keys);
      RelNode below = inputKeys == null ? null
          : semiJoinBelowJoin(project.getInput(), inputKeys, other, otherKeys, builder);
      return below == null ? null : project.copy(project.getTraitSet(), List.of(below));
    }
    if (!(node instanceof Join join) || join.getJoinType() != JoinRelType.INNER) {
      return null;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    boolean left = keys.stream().allMatch(key -> key < leftCount);
    boolean right = keys.stream().allMatch(key -> key >= leftCount);
    if (!left && !right) {
      return null;
    }
    RelNode side = left ? join.getLeft() : join.getRight();
    List<Integer> sideKeys = left ? keys : keys.stream().map(key -> key - leftCount).toList();
    RelNode filtered = semiJoinBelowJoin(side, sideKeys, other, otherKeys, builder);
    if (filtered == null) {
      semiJoin(builder.push(side), sideKeys, other, otherKeys);
      filtered = builder.build();
    }
    return join.copy(join.getTraitSet(), join.getCondition(),
        left ? filtered : join.getLeft(), left ? join.getRight() : filtered,
        join.getJoinType(), join.isSemiJoinDone());
  }

  /** The aggregate's input columns that {@code aggregateKeys} group by; others are left out. */
  private static List<Integer> aggregateInputKeys(Aggregate aggregate,
      List<Integer> aggregateKeys) {
    List<Integer> groupKeys = aggregate.getGroupSet().asList();
    return aggregateKeys.stream().filter(key -> key < groupKeys.size())
        .map(groupKeys::get).toList();
  }

  /**
   * Whether a semi join already sits where this rule would put one: at {@code input}, or down
   * the projections and inner joins that {@code keys} come through.
   */
  private static boolean reducedBefore(RelNode input, List<Integer> keys) {
    RelNode node = input.stripped();
    List<Integer> nodeKeys = keys;
    while (node instanceof Project project) {
      nodeKeys = throughProject(project, nodeKeys);
      if (nodeKeys == null) {
        return false;
      }
      node = project.getInput().stripped();
    }
    if (!(node instanceof Join join)) {
      return false;
    }
    if (join.getJoinType() == JoinRelType.SEMI) {
      return true;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    if (join.getJoinType() != JoinRelType.INNER || nodeKeys.isEmpty()) {
      return false;
    }
    if (nodeKeys.stream().allMatch(key -> key < leftCount)) {
      return reducedBefore(join.getLeft(), nodeKeys);
    }
    return nodeKeys.stream().allMatch(key -> key >= leftCount)
        && reducedBefore(join.getRight(), nodeKeys.stream().map(key -> key - leftCount).toList());
  }

  /** The input columns {@code keys} of a projection's output are, or null if one is computed. */
  private static List<Integer> throughProject(Project project, List<Integer> keys) {
    List<Integer> inputKeys = new ArrayList<>(keys.size());
    for (int key : keys) {
      if (!(project.getProjects().get(key) instanceof RexInputRef reference)) {
        return null;
      }
      inputKeys.add(reference.getIndex());
    }
    return inputKeys;
  }

  /** Semi-joins the builder's top with {@code other} on the two lists of keys, pairwise. */
  private static void semiJoin(RelBuilder builder, List<Integer> keys, RelNode other,
      List<Integer> otherKeys) {
    builder.push(other);
    List<RexNode> equalities = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      equalities.add(builder.equals(builder.field(2, 0, keys.get(i)),
          builder.field(2, 1, otherKeys.get(i))));
    }
    builder.semiJoin(equalities);
  }
}
