package dev.salvo.sql.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Turns {@code EXISTS} and {@code NOT EXISTS} conjuncts of a filter whose subquery is a filter
 * over an uncorrelated input into a semi or anti join of the filter's input with that input, on
 * the subquery's condition with the outer columns as join columns.
 *
 * <p>Calcite's general path (a correlate, then decorrelation) joins the subquery with the
 * distinct outer values it is correlated on, which recomputes the whole outer query once per
 * subquery and materialises every subquery row joined to every outer value: TPC-H Q21's
 * {@code EXISTS (... l2.l_suppkey <> l1.l_suppkey)} and its {@code NOT EXISTS} twin ran out of
 * memory that way. A semi or anti join has the same answer: {@code EXISTS} is true exactly when
 * some subquery row satisfies the condition, and never unknown, so {@code NOT EXISTS} is the
 * anti join even where the condition meets NULLs. Subqueries of any other shape (aggregates,
 * limits, correlation below the top filters, nested subqueries) keep the general path.
 */
public final class CorrelatedExistsToJoinRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("CorrelatedExistsToJoinRule",
      rel -> rel.operand(LogicalFilter.class)
          .predicate(filter -> RexUtil.SubQueryFinder.find(filter.getCondition()) != null)
          .anyInputs(),
      CorrelatedExistsToJoinRule::new);

  private CorrelatedExistsToJoinRule(RuleConfig config) {
    super(config);
  }

  /** One EXISTS conjunct taken apart: the join it becomes. */
  private record ExistsJoin(RelNode right, RexNode condition, JoinRelType type) {}

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    List<RexNode> remaining = new ArrayList<>();
    List<ExistsJoin> joins = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      ExistsJoin join = asJoin(conjunct, filter, rexBuilder);
      if (join == null) {
        remaining.add(conjunct);
      } else {
        joins.add(join);
      }
    }
    if (joins.isEmpty()) {
      return;
    }
    // The other conjuncts filter first: they hold the outer query's own join conditions,
    // which later rules push into its joins.
    RelNode result = remaining.isEmpty() ? filter.getInput()
        : filter.copy(filter.getTraitSet(), filter.getInput(),
            RexUtil.composeConjunction(rexBuilder, remaining));
    for (ExistsJoin join : joins) {
      result = LogicalJoin.create(result, join.right(), List.of(), join.condition(), Set.of(),
          join.type());
    }
    call.transformTo(result);
  }

  /** The join {@code conjunct} becomes, or null when it is no EXISTS this rule handles. */
  private static ExistsJoin asJoin(RexNode conjunct, Filter filter, RexBuilder rexBuilder) {
    JoinRelType type = JoinRelType.SEMI;
    RexNode node = conjunct;
    if (node.getKind() == SqlKind.NOT) {
      type = JoinRelType.ANTI;
      node = ((RexCall) node).getOperands().get(0);
    }
    if (node.getKind() != SqlKind.EXISTS || !(node instanceof RexSubQuery subQuery)) {
      return null;
    }
    RelNode rel = subQuery.rel;
    // EXISTS ignores the subquery's columns, so projections on top do not matter, unless they
    // refer to the outer row.
    while (rel instanceof Project project && isPlain(project.getProjects())) {
      rel = project.getInput();
    }
    List<RexNode> correlated = new ArrayList<>();
    List<RexNode> local = new ArrayList<>();
    while (rel instanceof Filter inner) {
      for (RexNode condition : RelOptUtil.conjunctions(inner.getCondition())) {
        if (RexUtil.SubQueryFinder.find(condition) != null) {
          return null;
        }
        (isPlain(List.of(condition)) ? local : correlated).add(condition);
      }
      rel = inner.getInput();
    }
    if (correlated.isEmpty() || !isUncorrelated(rel)) {
      return null;
    }
    RelNode right = local.isEmpty() ? rel
        : LogicalFilter.create(rel, RexUtil.composeConjunction(rexBuilder, local));
    RexNode condition = outerAsColumns(RexUtil.composeConjunction(rexBuilder, correlated),
        filter);
    return condition == null ? null : new ExistsJoin(right, condition, type);
  }

  /** True when {@code expressions} neither refer to an outer row nor hold a subquery. */
  private static boolean isPlain(List<RexNode> expressions) {
    for (RexNode expression : expressions) {
      if (RexUtil.containsCorrelation(expression)
          || RexUtil.SubQueryFinder.find(expression) != null) {
        return false;
      }
    }
    return true;
  }

  /** True when no expression anywhere in {@code rel} refers to an outer row or a subquery. */
  private static boolean isUncorrelated(RelNode rel) {
    boolean[] plain = {true};
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        node.accept(new RexShuttle() {
          @Override
          public RexNode visitCorrelVariable(RexCorrelVariable variable) {
            plain[0] = false;
            return variable;
          }

          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            plain[0] = false;
            return subQuery;
          }
        });
        if (plain[0]) {
          super.visit(node, ordinal, parent);
        }
      }
    }.go(rel);
    return plain[0];
  }

  /**
   * {@code condition} over the filter's input (the outer row, first) and the subquery's
   * input (after it): references to the outer row become columns of the filter's input, the
   * subquery's columns move past them. Null when the condition refers to an outer row some
   * other way (another query level's row, or the row as a whole).
   */
  private static RexNode outerAsColumns(RexNode condition, Filter filter) {
    int outerCount = filter.getInput().getRowType().getFieldCount();
    boolean[] understood = {true};
    RexNode rewritten = condition.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(ref.getIndex() + outerCount, ref.getType());
      }

      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable variable) {
          if (isOuterRow(variable, filter)) {
            return new RexInputRef(access.getField().getIndex(), access.getType());
          }
          understood[0] = false;
          return access;
        }
        return super.visitFieldAccess(access);
      }

      @Override
      public RexNode visitCorrelVariable(RexCorrelVariable variable) {
        understood[0] = false;
        return variable;
      }
    });
    return understood[0] ? rewritten : null;
  }

  /** True when {@code variable} is the filter's own input row. */
  private static boolean isOuterRow(RexCorrelVariable variable, Filter filter) {
    return filter.getVariablesSet().contains(variable.id)
        && RelOptUtil.areRowTypesEqual(variable.getType(), filter.getInput().getRowType(), false);
  }
}
