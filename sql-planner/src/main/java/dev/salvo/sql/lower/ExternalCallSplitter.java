package dev.salvo.sql.lower;

import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExternalCallNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.TypeConversion;
import dev.salvo.sql.function.JavaFunctionOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Moves UDF calls out of expressions into {@link ExternalCallNode}s, so the rest stays
 * vectorized: the innermost calls first, each round computing their arguments in a projection,
 * appending each result as a column and replacing the call by a reference to it, until no call
 * is left. Nested calls ({@code f(g(x))}) take one round per level.
 */
final class ExternalCallSplitter {
  private final RexBuilder rexBuilder;
  private final ExpressionLowering expressions;
  private int resultNumber;

  ExternalCallSplitter(RexBuilder rexBuilder, ExpressionLowering expressions) {
    this.rexBuilder = rexBuilder;
    this.expressions = expressions;
  }

  /** The input with every call's result appended, and {@code nodes} rewritten over it. */
  record Split(ExecNode input, List<RexNode> nodes) {}

  Split split(ExecNode input, List<RexNode> nodes) {
    ExecNode current = input;
    List<RexNode> remaining = nodes;
    while (remaining.stream().anyMatch(JavaFunctionOperator::isCalledIn)) {
      Map<String, RexCall> innermost = new LinkedHashMap<>();
      for (RexNode node : remaining) {
        collectInnermost(node, innermost);
      }
      current = addArguments(current, innermost.values());
      Map<String, RexInputRef> results = new LinkedHashMap<>();
      for (Map.Entry<String, RexCall> call : innermost.entrySet()) {
        current = callNode(current, call.getValue());
        int position = current.outputType().size() - 1;
        results.put(call.getKey(), rexBuilder.makeInputRef(call.getValue().getType(), position));
      }
      RexShuttle replace = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          RexInputRef result = results.get(call.toString());
          return result != null ? result : super.visitCall(call);
        }
      };
      List<RexNode> rewritten = new ArrayList<>(remaining.size());
      for (RexNode node : remaining) {
        rewritten.add(node.accept(replace));
      }
      remaining = rewritten;
    }
    return new Split(current, remaining);
  }

  private static void collectInnermost(RexNode node, Map<String, RexCall> calls) {
    if (!(node instanceof RexCall call)) {
      return;
    }
    boolean operandsCall = call.getOperands().stream().anyMatch(JavaFunctionOperator::isCalledIn);
    if (call.getOperator() instanceof JavaFunctionOperator && !operandsCall) {
      calls.putIfAbsent(call.toString(), call);
      return;
    }
    for (RexNode operand : call.getOperands()) {
      collectInnermost(operand, calls);
    }
  }

  /**
   * Projects every input column plus each argument that is not already an input column of the
   * function's declared type, cast to that type. Arguments are found again by {@link #argument}.
   */
  private ExecNode addArguments(ExecNode input, Iterable<RexCall> calls) {
    RowType inputType = input.outputType();
    List<Expression> projected = new ArrayList<>();
    List<Column> columns = new ArrayList<>(inputType.columns());
    for (int i = 0; i < inputType.size(); i++) {
      projected.add(new ColumnReference(i, inputType.type(i)));
    }
    pendingArguments.clear();
    for (RexCall call : calls) {
      List<Integer> positions = new ArrayList<>();
      List<DataType> declared =
          ((JavaFunctionOperator) call.getOperator()).external().argumentTypes();
      for (int i = 0; i < call.getOperands().size(); i++) {
        RexNode operand = call.getOperands().get(i);
        DataType type = declared.get(i);
        if (operand instanceof RexInputRef ref && sameVector(inputType.type(ref.getIndex()), type)) {
          positions.add(ref.getIndex());
          continue;
        }
        RelDataType target = rexBuilder.getTypeFactory().createTypeWithNullability(
            TypeConversion.toRelDataType(type, rexBuilder.getTypeFactory()), true);
        RexNode cast = rexBuilder.makeCast(target, operand, true, false);
        projected.add(expressions.lower(cast));
        positions.add(columns.size());
        columns.add(new Column("argument" + columns.size(), TypeConversion.toDataType(target)));
      }
      pendingArguments.put(call.toString(), positions);
    }
    if (projected.size() == inputType.size()) {
      return input;
    }
    return new ProjectNode(input, projected, new RowType(columns));
  }

  private final Map<String, List<Integer>> pendingArguments = new LinkedHashMap<>();

  private ExecNode callNode(ExecNode input, RexCall call) {
    JavaFunctionOperator operator = (JavaFunctionOperator) call.getOperator();
    DataType resultType = TypeConversion.toDataType(call.getType()).withNullable(true);
    String name = operator.getName().toLowerCase(java.util.Locale.ROOT) + "_result"
        + resultNumber++;
    return new ExternalCallNode(input, operator.external(), pendingArguments.get(call.toString()),
        new Column(name, resultType));
  }

  /** Whether a column of {@code actual} type can be handed over as {@code declared} as is. */
  private static boolean sameVector(DataType actual, DataType declared) {
    if (actual.kind() == declared.kind() && (actual.kind() == dev.salvo.exec.type.TypeKind.VARCHAR
        || actual.kind() == dev.salvo.exec.type.TypeKind.VARBINARY)) {
      return true;
    }
    return actual.kind() == declared.kind() && actual.precision() == declared.precision()
        && actual.scale() == declared.scale();
  }
}
