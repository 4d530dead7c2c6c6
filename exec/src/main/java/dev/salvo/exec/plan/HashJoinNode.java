package dev.salvo.exec.plan;

import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Optional;

/**
 * Joins {@code probe} with {@code build} on the equalities {@code probeKeys[i] = buildKeys[i]}
 * plus an optional {@code residual} condition over the probe columns followed by the build
 * columns. The build side is read completely into a hash table first, then the probe side
 * streams through it. With no keys every build row is a candidate for every probe row: a
 * nested-loop join, which is how non-equi conditions run. A key listed in
 * {@code nullSafeKeys} matches NULL with NULL (IS NOT DISTINCT FROM); other keys never match a
 * NULL. Output: the probe columns, then the build columns; SEMI and ANTI joins output the probe
 * columns only, RIGHT_SEMI and RIGHT_ANTI the build columns only.
 */
public record HashJoinNode(ExecNode probe, ExecNode build, JoinType joinType,
    List<Integer> probeKeys, List<Integer> buildKeys, List<Boolean> nullSafeKeys,
    Optional<Expression> residual, RowType outputType) implements ExecNode {
  public HashJoinNode {
    probeKeys = List.copyOf(probeKeys);
    buildKeys = List.copyOf(buildKeys);
    nullSafeKeys = List.copyOf(nullSafeKeys);
    if (probeKeys.size() != buildKeys.size() || probeKeys.size() != nullSafeKeys.size()) {
      throw new IllegalArgumentException("Join key lists differ in length");
    }
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(probe, build);
  }

  @Override
  public String describe() {
    String kind = probeKeys.isEmpty() ? "NestedLoopJoin" : "HashJoin";
    return kind + "(type=" + joinType + (probeKeys.isEmpty() ? ""
        : ", probeKeys=" + probeKeys + ", buildKeys=" + buildKeys)
        + residual.map(condition -> ", residual=" + condition).orElse("") + ")";
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    PlanInputs.requireCount(inputs, 2, this);
    return new HashJoinNode(inputs.get(0), inputs.get(1), joinType, probeKeys, buildKeys,
        nullSafeKeys, residual, outputType);
  }
}
