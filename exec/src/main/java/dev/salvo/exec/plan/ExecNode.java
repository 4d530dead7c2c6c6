package dev.salvo.exec.plan;

import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * A node of an executable plan: an immutable description of what to compute, produced by the
 * planner's lowering and turned into pipelines of operators by the executor.
 */
public sealed interface ExecNode
    permits TableScanNode, ValuesNode, FilterNode, ProjectNode, AggregateNode, SortNode,
        LimitNode, HashJoinNode, UnionNode, ExchangeNode, RechunkNode, ExtensionNode {
  RowType outputType();

  List<ExecNode> inputs();

  /** One line describing this node alone, for EXPLAIN. */
  String describe();
}
