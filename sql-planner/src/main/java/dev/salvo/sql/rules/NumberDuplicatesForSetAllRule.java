package dev.salvo.sql.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites INTERSECT ALL and EXCEPT ALL into their DISTINCT forms by numbering the copies of
 * each row: every input gains {@code ROW_NUMBER() OVER (PARTITION BY all columns)}, which makes
 * its rows distinct, and a row with n copies on the left and m on the right then keeps
 * min(n, m) copies under INTERSECT and max(n - m, 0) under EXCEPT, as the ALL forms require.
 * EXCEPT ALL of more than two inputs is applied left to right.
 */
public final class NumberDuplicatesForSetAllRule extends RelRule<RuleConfig> {
  static final RuleConfig DEFAULT_CONFIG = RuleConfig.of("NumberDuplicatesForSetAllRule",
      setOp -> setOp.operand(SetOp.class)
          .predicate(rel -> rel.all && (rel instanceof Intersect || rel instanceof Minus))
          .anyInputs(),
      NumberDuplicatesForSetAllRule::new);

  private NumberDuplicatesForSetAllRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    SetOp setOp = call.rel(0);
    RelBuilder builder = call.builder();
    int columns = setOp.getRowType().getFieldCount();
    if (setOp instanceof Intersect) {
      for (RelNode input : setOp.getInputs()) {
        pushNumbered(builder, input, columns);
      }
      builder.intersect(false, setOp.getInputs().size());
    } else {
      pushNumbered(builder, setOp.getInputs().get(0), columns);
      for (int i = 1; i < setOp.getInputs().size(); i++) {
        pushNumbered(builder, setOp.getInputs().get(i), columns);
        builder.minus(false, 2);
        if (i + 1 < setOp.getInputs().size()) {
          // The next EXCEPT numbers the remaining copies afresh.
          builder.project(builder.fields().subList(0, columns));
          RelNode remaining = builder.build();
          pushNumbered(builder, remaining, columns);
        }
      }
    }
    builder.project(builder.fields().subList(0, columns), setOp.getRowType().getFieldNames());
    builder.convert(setOp.getRowType(), false);
    call.transformTo(builder.build());
  }

  private static void pushNumbered(RelBuilder builder, RelNode input, int columns) {
    builder.push(input);
    List<RexNode> fields = new ArrayList<>(builder.fields().subList(0, columns));
    RexNode copyNumber = builder.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over()
        .partitionBy(fields).toRex();
    List<RexNode> projections = new ArrayList<>(fields);
    projections.add(copyNumber);
    builder.project(projections);
  }
}
