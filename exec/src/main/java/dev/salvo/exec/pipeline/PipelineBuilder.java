package dev.salvo.exec.pipeline;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.vector.ExpressionFacts;
import dev.salvo.exec.operator.aggregate.HashAggregationSinkFactory;
import dev.salvo.exec.operator.aggregate.HashAggregationSourceFactory;
import dev.salvo.exec.operator.external.ExternalCallOperatorFactory;
import dev.salvo.exec.operator.exchange.ExchangeSinkFactory;
import dev.salvo.exec.operator.exchange.ExchangeSourceFactory;
import dev.salvo.exec.operator.filter.FilterOperatorFactory;
import dev.salvo.exec.operator.limit.LimitOperatorFactory;
import dev.salvo.exec.operator.project.ProjectOperatorFactory;
import dev.salvo.exec.operator.rechunk.RechunkOperatorFactory;
import dev.salvo.exec.operator.scan.TableScanSourceFactory;
import dev.salvo.exec.operator.sort.SortSinkFactory;
import dev.salvo.exec.operator.sort.SortSourceFactory;
import dev.salvo.exec.operator.values.ValuesSourceFactory;
import dev.salvo.exec.operator.window.WindowSinkFactory;
import dev.salvo.exec.operator.window.WindowSourceFactory;
import dev.salvo.exec.operator.join.HashJoinBuildSinkFactory;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.operator.join.HashJoinOperatorFactory;
import dev.salvo.exec.operator.join.JoinKeyFilter;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExternalCallNode;
import dev.salvo.exec.plan.ExtensionNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.RechunkNode;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.plan.WindowNode;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.statistics.MeasuredFactories;
import dev.salvo.exec.statistics.OperatorStatistics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts an {@link ExecNode} tree into pipelines. Streaming nodes (filter, project, limit) join
 * the pipeline of their input; a pipeline breaker (aggregate, sort) ends its input's pipeline
 * with its sink and starts a new pipeline whose source is its finished state and which
 * depends on the first. A hash join's build input ends in the join's build sink; its probe
 * input's pipeline continues through the join and waits for the build pipeline. Each input of
 * a UNION ALL ends in one shared buffer that a new pipeline reads. An aggregation the plan
 * holds more than once (a WITH query read twice, as TPC-H Q15's view) is computed once, and
 * each place reads its finished groups.
 *
 * <pre>
 *   Project(Sort(Aggregate(Filter(Scan))))
 *     pipeline 0: Scan -> Filter -> [aggregate sink]
 *     pipeline 1: [aggregate source] -> [sort sink]          (after 0)
 *     pipeline 2: [sort merge source] -> Project -> [output]  (after 1)
 * </pre>
 */
public final class PipelineBuilder {
  private final QueryContext context;
  private final List<Pipeline> pipelines = new ArrayList<>();
  /** The nodes being visited; the innermost one owns the factories created now. */
  private final ArrayDeque<ExecNode> visiting = new ArrayDeque<>();
  /** Aggregations that occur more than once in the plan. */
  private final Set<ExecNode> repeatedAggregations;
  /** The ones of them built so far: their sinks and the pipelines that fill them. */
  private final Map<ExecNode, BuiltAggregation> builtAggregations = new HashMap<>();

  private record BuiltAggregation(HashAggregationSinkFactory sink, int pipeline) {}

  /**
   * Key filters of joins above the node being visited, each waiting for the scan it is for:
   * one reached from its join through operators of the join's probe pipeline only.
   */
  private List<PendingKeyFilter> pendingKeyFilters = new ArrayList<>();

  private record PendingKeyFilter(TableScanNode scan, int column, JoinKeyFilter filter) {}

  private PipelineBuilder(QueryContext context, ExecNode plan) {
    this.context = context;
    this.repeatedAggregations = RepeatedSubplans.aggregations(plan);
  }

  /**
   * The pipelines of {@code plan}, each listed after the ones it depends on; the last one
   * ends in {@code output}. Builds fresh factories, so call it once per query execution.
   */
  public static List<Pipeline> build(ExecNode plan, QueryContext context, SinkFactory output) {
    PipelineBuilder builder = new PipelineBuilder(context, plan);
    builder.visit(plan).end(output);
    return List.copyOf(builder.pipelines);
  }

  /** A pipeline still growing: its source, operators so far, and what it waits for. */
  private final class Open {
    private final SourceFactory source;
    private final List<OperatorFactory> operators = new ArrayList<>();
    private final List<Integer> dependencies;

    Open(SourceFactory source, List<Integer> dependencies) {
      OperatorStatistics statistics = currentStatistics();
      this.source = statistics == null ? source : MeasuredFactories.source(source, statistics);
      this.dependencies = new ArrayList<>(dependencies);
    }

    Open add(OperatorFactory operator) {
      OperatorStatistics statistics = currentStatistics();
      operators.add(statistics == null ? operator
          : MeasuredFactories.operator(operator, statistics));
      return this;
    }

    int end(SinkFactory sink) {
      OperatorStatistics statistics = visiting.isEmpty() ? null : currentStatistics();
      if (statistics != null) {
        sink = MeasuredFactories.sink(sink, statistics);
      }
      int id = pipelines.size();
      pipelines.add(new Pipeline(id, source, operators, sink, dependencies));
      return id;
    }
  }

  private OperatorStatistics currentStatistics() {
    var statistics = context.statistics();
    return statistics == null || visiting.isEmpty() ? null : statistics.of(visiting.peek());
  }

  private Open visit(ExecNode node) {
    return visit(node, null);
  }

  /**
   * Visits {@code node}, of whose output columns the operators above read only {@code used}
   * (null: all, or not known). Scans, filters and joins then copy only those columns and leave
   * the others as placeholders of the right length: a join's output otherwise carries every
   * column of both inputs up the plan (Q5's first join gathered ten columns of 1.2M rows where
   * five are read).
   */
  private Open visit(ExecNode node, BitSet used) {
    visiting.push(node);
    List<PendingKeyFilter> pending = pendingKeyFilters;
    boolean keepsRowKeys = node instanceof TableScanNode || node instanceof FilterNode
        || node instanceof ProjectNode || node instanceof HashJoinNode;
    if (!keepsRowKeys) {
      // No key filter reaches past this node: its rows are not the scan's rows one for one.
      pendingKeyFilters = new ArrayList<>();
    }
    try {
      return visitNode(node, used);
    } finally {
      pendingKeyFilters = pending;
      visiting.pop();
    }
  }

  private Open visitNode(ExecNode node, BitSet used) {
    if (node instanceof TableScanNode scan) {
      List<TableScanSourceFactory.KeyFilter> keyFilters = new ArrayList<>();
      pendingKeyFilters.removeIf(pending -> {
        if (pending.scan() != scan) {
          return false;
        }
        keyFilters.add(new TableScanSourceFactory.KeyFilter(pending.column(), pending.filter()));
        return true;
      });
      return new Open(new TableScanSourceFactory(scan, context, used, keyFilters), List.of());
    } else if (node instanceof ValuesNode values) {
      return new Open(new ValuesSourceFactory(values.outputType(), values.rows()), List.of());
    } else if (node instanceof FilterNode filter) {
      return visit(filter.input(), union(used, referencedColumns(List.of(filter.condition()))))
          .add(new FilterOperatorFactory(filter.condition(), used));
    } else if (node instanceof ProjectNode project) {
      return visit(project.input(), columnsComputing(project.expressions(), used))
          .add(new ProjectOperatorFactory(project.expressions(), project.outputType()));
    } else if (node instanceof ExternalCallNode call) {
      return visit(call.input()).add(new ExternalCallOperatorFactory(call, context));
    } else if (node instanceof LimitNode limit) {
      return visit(limit.input()).add(new LimitOperatorFactory(limit.offset(), limit.fetch()));
    } else if (node instanceof AggregateNode aggregate) {
      BuiltAggregation built = builtAggregations.get(aggregate);
      if (built == null) {
        HashAggregationSinkFactory build = new HashAggregationSinkFactory(aggregate, context);
        BitSet read = new BitSet();
        aggregate.groupKeys().forEach(read::set);
        aggregate.aggregates().forEach(call -> call.arguments().forEach(read::set));
        built = new BuiltAggregation(build, visit(aggregate.input(), read).end(build));
        if (repeatedAggregations.contains(aggregate)) {
          builtAggregations.put(aggregate, built);
        }
      }
      return new Open(new HashAggregationSourceFactory(built.sink(), aggregate.outputType()),
          List.of(built.pipeline()));
    } else if (node instanceof HashJoinNode join) {
      HashJoinBuildSinkFactory build = new HashJoinBuildSinkFactory(join, context);
      BitSet joined = HashJoinOperatorFactory.joinedColumnsUsed(join, used);
      int probeColumns = join.probe().outputType().size();
      BitSet buildUsed = null;
      BitSet probeUsed = null;
      if (joined != null) {
        buildUsed = joined.get(probeColumns, Math.max(probeColumns, joined.length()));
        join.buildKeys().forEach(buildUsed::set);
        probeUsed = joined.get(0, probeColumns);
        join.probeKeys().forEach(probeUsed::set);
      }
      List<PendingKeyFilter> probeSideFilters = pendingKeyFilters;
      pendingKeyFilters = new ArrayList<>();
      int id = visit(join.build(), buildUsed).end(build);
      pendingKeyFilters = probeSideFilters;
      PendingKeyFilter keyFilter = keyFilterOf(join, build);
      if (keyFilter != null) {
        pendingKeyFilters.add(keyFilter);
      }
      Open probe = visit(join.probe(), probeUsed)
          .add(new HashJoinOperatorFactory(join, build, joined));
      probe.dependencies.add(id);
      return probe;
    } else if (node instanceof UnionNode union) {
      // Like an exchange: inputs and readers run at the same time, joined by bounded queues.
      ExchangeSinkFactory inputs = ExchangeSinkFactory.forUnion(union.inputs().size(),
          Math.max(1, context.parallelism()), context);
      for (ExecNode input : union.inputs()) {
        visit(input).end(inputs);
      }
      return new Open(new ExchangeSourceFactory(inputs), List.of());
    } else if (node instanceof SortNode sort) {
      SortSinkFactory sink = new SortSinkFactory(sort);
      int id = visit(sort.input()).end(sink);
      return new Open(new SortSourceFactory(sink, sort), List.of(id));
    } else if (node instanceof WindowNode window) {
      WindowSinkFactory sink = new WindowSinkFactory();
      int id = visit(window.input()).end(sink);
      return new Open(new WindowSourceFactory(sink, window), List.of(id));
    } else if (node instanceof RechunkNode rechunk) {
      return visit(rechunk.input()).add(new RechunkOperatorFactory(rechunk.rows()));
    } else if (node instanceof ExtensionNode extension) {
      return visit(extension.input()).add(new OperatorFactory() {
        @Override
        public Operator create(QueryContext queryContext) {
          return extension.operator().create(queryContext, 0);
        }

        @Override
        public Operator create(QueryContext queryContext, int driverIndex) {
          return extension.operator().create(queryContext, driverIndex);
        }
      });
    } else if (node instanceof ExchangeNode exchange) {
      // Producer and consumer run at the same time, joined by bounded queues: no dependency.
      ExchangeSinkFactory producer = new ExchangeSinkFactory(exchange, context);
      visit(exchange.input()).end(producer);
      return new Open(new ExchangeSourceFactory(producer), List.of());
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "The native runner cannot execute " + node.describe());
  }

  /**
   * A filter of the scan that {@code join}'s probe rows come from, dropping rows whose key the
   * build side lacks; null where the join keeps such rows (outer and anti joins), has no single
   * key that NULL never equals, or its probe rows are not a scan's rows with their keys
   * unchanged by operators of one pipeline (filters, column references, probes of other joins).
   */
  private static PendingKeyFilter keyFilterOf(HashJoinNode join, HashJoinBuildSinkFactory build) {
    JoinType type = join.joinType();
    boolean dropsUnmatchedProbeRows = type == JoinType.INNER || type == JoinType.SEMI
        || type == JoinType.RIGHT || type == JoinType.RIGHT_SEMI || type == JoinType.RIGHT_ANTI;
    if (!dropsUnmatchedProbeRows || join.probeKeys().size() != 1 || join.nullSafeKeys().get(0)) {
      return null;
    }
    int column = join.probeKeys().get(0);
    ExecNode node = join.probe();
    while (!(node instanceof TableScanNode)) {
      if (node instanceof FilterNode filter) {
        node = filter.input();
      } else if (node instanceof ProjectNode project
          && project.expressions().get(column) instanceof ColumnReference reference) {
        column = reference.index();
        node = project.input();
      } else if (node instanceof HashJoinNode below && !below.joinType().projectsBuildOnly()
          && column < below.probe().outputType().size()) {
        // A join's output starts with its probe columns, and its probe side is this pipeline.
        node = below.probe();
      } else {
        return null;
      }
    }
    return new PendingKeyFilter((TableScanNode) node, column, new JoinKeyFilter(build));
  }

  /**
   * The input columns a projection reads to compute its output columns {@code used} (null:
   * all). It computes every output, but one that merely names an input column passes that
   * column's vector on, placeholder or not: only such outputs can go unread at no risk.
   */
  private static BitSet columnsComputing(List<Expression> expressions, BitSet used) {
    BitSet read = new BitSet();
    for (int i = 0; i < expressions.size(); i++) {
      Expression expression = expressions.get(i);
      if (used == null || used.get(i) || !(expression instanceof ColumnReference)) {
        read.or(ExpressionFacts.referencedColumns(expression));
      }
    }
    return read;
  }

  private static BitSet referencedColumns(List<Expression> expressions) {
    BitSet read = new BitSet();
    expressions.forEach(expression -> read.or(ExpressionFacts.referencedColumns(expression)));
    return read;
  }

  /** Both sets' columns; null (all) when either is. */
  private static BitSet union(BitSet first, BitSet second) {
    if (first == null || second == null) {
      return null;
    }
    BitSet both = (BitSet) first.clone();
    both.or(second);
    return both;
  }
}
