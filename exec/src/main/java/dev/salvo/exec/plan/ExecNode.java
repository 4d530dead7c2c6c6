package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * A node of an executable plan: an immutable description of what to compute, produced by the
 * planner's lowering and turned into pipelines of operators by the executor.
 */
public sealed interface ExecNode
    permits TableScanNode, ValuesNode, FilterNode, ProjectNode, AggregateNode, SortNode,
        LimitNode, HashJoinNode, UnionNode, ExchangeNode, RechunkNode, ExtensionNode, WindowNode,
        ExternalCallNode, ExchangeInputNode {
  RowType outputType();

  List<ExecNode> inputs();

  /** One line describing this node alone, for EXPLAIN. */
  String describe();

  /**
   * This node reading {@code inputs} instead of its own, given in the order of
   * {@link #inputs()}: how plans are rewritten (cut into fragments, put back together) without
   * knowing every kind of node. The new inputs must have the row types of the old ones.
   *
   * @throws IllegalArgumentException when the number of inputs differs from this node's
   */
  ExecNode withInputs(List<ExecNode> inputs);
}
