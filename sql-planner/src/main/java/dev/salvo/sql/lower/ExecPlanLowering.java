package dev.salvo.sql.lower;

import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.rel.SalvoJoin;
import dev.salvo.sql.rel.SalvoUnion;
import dev.salvo.sql.rel.SalvoWindow;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.plan.WindowCall;
import dev.salvo.exec.plan.WindowFrame;
import dev.salvo.exec.plan.WindowFunction;
import dev.salvo.exec.plan.WindowNode;
import java.math.BigDecimal;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.JoinRelType;
import dev.salvo.sql.function.JavaFunctionOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.plan.AggregateCall;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.RechunkNode;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.ConnectorTable;
import dev.salvo.sql.catalog.TypeConversion;
import dev.salvo.sql.rel.SalvoAggregate;
import dev.salvo.sql.rel.SalvoFilter;
import dev.salvo.sql.rel.SalvoProject;
import dev.salvo.sql.rel.SalvoRechunk;
import dev.salvo.sql.rel.SalvoRepartition;
import dev.salvo.sql.rel.SalvoSort;
import dev.salvo.sql.rel.SalvoTableScan;
import dev.salvo.sql.rel.SalvoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Turns an optimized plan in Salvo's convention into the executor's {@link ExecNode} tree: the
 * one place that knows both Calcite and the executor.
 */
public final class ExecPlanLowering {
  private final ExpressionLowering expressions;
  private final ExternalCallSplitter externalCalls;

  public ExecPlanLowering(ExpressionLowering expressions, RexBuilder rexBuilder) {
    this.expressions = expressions;
    this.externalCalls = new ExternalCallSplitter(rexBuilder, expressions);
  }

  /**
   * Lowers {@code rel}, then selects and names the result columns {@code fields} (pairs of input
   * position and name, as in Calcite's {@code RelRoot.fields}).
   */
  public ExecNode lowerQuery(RelNode rel, List<Map.Entry<Integer, String>> fields) {
    ExecNode plan = lower(rel);
    RowType input = plan.outputType();
    boolean trivial = fields.size() == input.size();
    for (int i = 0; trivial && i < fields.size(); i++) {
      trivial = fields.get(i).getKey() == i && fields.get(i).getValue().equals(input.column(i).name());
    }
    if (trivial) {
      return plan;
    }
    List<Expression> references = new ArrayList<>(fields.size());
    List<Column> columns = new ArrayList<>(fields.size());
    for (Map.Entry<Integer, String> field : fields) {
      DataType type = input.type(field.getKey());
      references.add(new ColumnReference(field.getKey(), type));
      columns.add(new Column(field.getValue(), type));
    }
    return new ProjectNode(plan, references, new RowType(columns));
  }

  private static boolean selectsEveryColumnInOrder(List<Expression> projected, RowType input) {
    if (projected.size() != input.size()) {
      return false;
    }
    for (int i = 0; i < projected.size(); i++) {
      if (!(projected.get(i) instanceof ColumnReference reference) || reference.index() != i
          || !reference.type().equals(input.type(i))) {
        return false;
      }
    }
    return true;
  }

  public ExecNode lower(RelNode rel) {
    if (rel instanceof SalvoTableScan scan) {
      return lowerScan(scan);
    } else if (rel instanceof SalvoFilter filter) {
      return lowerFilter(filter);
    } else if (rel instanceof SalvoProject project) {
      ExternalCallSplitter.Split split =
          externalCalls.split(lower(project.getInput()), project.getProjects());
      List<Expression> projected = expressions.lower(split.nodes());
      if (selectsEveryColumnInOrder(projected, split.input().outputType())) {
        // Operators address columns by position; names matter only at the root, where
        // lowerQuery names the result. The project would cost a pass over every batch.
        return split.input();
      }
      return new ProjectNode(split.input(), projected,
          TypeConversion.toRowType(project.getRowType()));
    } else if (rel instanceof SalvoAggregate aggregate) {
      return lowerAggregate(aggregate);
    } else if (rel instanceof SalvoSort sort) {
      return lowerSort(sort);
    } else if (rel instanceof SalvoValues values) {
      return lowerValues(values);
    } else if (rel instanceof SalvoJoin join) {
      return lowerJoin(join);
    } else if (rel instanceof SalvoUnion union) {
      List<ExecNode> inputs = new ArrayList<>();
      for (RelNode input : union.getInputs()) {
        inputs.add(lower(input));
      }
      return new UnionNode(inputs, TypeConversion.toRowType(union.getRowType()));
    } else if (rel instanceof SalvoRepartition repartition) {
      return new ExchangeNode(lower(repartition.getInput()), repartition.partitions(),
          repartition.keys());
    } else if (rel instanceof SalvoRechunk rechunk) {
      return new RechunkNode(lower(rechunk.getInput()), rechunk.rows());
    } else if (rel instanceof SalvoWindow window) {
      return lowerWindow(window);
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "Plan node " + rel.getRelTypeName() + " is not supported yet");
  }

  private ExecNode lowerFilter(SalvoFilter filter) {
    return filter(lower(filter.getInput()), filter.getCondition());
  }

  /** A filter calling UDFs filters on their appended results, then drops those columns. */
  private ExecNode filter(ExecNode input, RexNode condition) {
    ExternalCallSplitter.Split split = externalCalls.split(input, List.of(condition));
    ExecNode filtered = new FilterNode(split.input(), expressions.lower(split.nodes().get(0)));
    if (split.input() == input) {
      return filtered;
    }
    RowType inputType = input.outputType();
    List<Expression> references = new ArrayList<>(inputType.size());
    for (int i = 0; i < inputType.size(); i++) {
      references.add(new ColumnReference(i, inputType.type(i)));
    }
    return new ProjectNode(filtered, references, inputType);
  }

  /**
   * Lowers a join to a hash join building its right input, or its left input when that one is
   * estimated smaller (then a projection restores the column order). Equi-keys whose two sides
   * the hash table cannot compare directly (different DECIMAL scales, say) are checked as part
   * of the residual condition instead.
   */
  private ExecNode lowerJoin(SalvoJoin join) {
    if (JavaFunctionOperator.isCalledIn(join.getCondition())) {
      return lowerJoinCallingFunctions(join);
    }
    ExecNode left = lower(join.getLeft());
    ExecNode right = lower(join.getRight());
    int leftCount = left.outputType().size();
    int rightCount = right.outputType().size();
    RexBuilder rexBuilder = join.getCluster().getRexBuilder();
    // An OR whose every branch repeats the same equality (TPC-H Q19) still has that equi-key.
    JoinInfo info = JoinInfo.of(join.getLeft(), join.getRight(),
        RexUtil.pullFactors(rexBuilder, join.getCondition()));
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    List<Boolean> nullSafe = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>(info.nonEquiConditions);
    List<RelDataTypeField> leftFields = join.getLeft().getRowType().getFieldList();
    List<RelDataTypeField> rightFields = join.getRight().getRowType().getFieldList();
    for (int i = 0; i < info.leftKeys.size(); i++) {
      int leftKey = info.leftKeys.get(i);
      int rightKey = info.rightKeys.get(i);
      boolean keyNullSafe = !info.nullExclusionFlags.get(i);
      if (hashCompatible(left.outputType().type(leftKey), right.outputType().type(rightKey))) {
        leftKeys.add(leftKey);
        rightKeys.add(rightKey);
        nullSafe.add(keyNullSafe);
      } else {
        residual.add(rexBuilder.makeCall(
            keyNullSafe ? SqlStdOperatorTable.IS_NOT_DISTINCT_FROM : SqlStdOperatorTable.EQUALS,
            new RexInputRef(leftKey, leftFields.get(leftKey).getType()),
            new RexInputRef(leftCount + rightKey, rightFields.get(rightKey).getType())));
      }
    }
    RexNode condition = RexUtil.composeConjunction(rexBuilder, residual, true);
    JoinType type = switch (join.getJoinType()) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      case RIGHT -> JoinType.RIGHT;
      case FULL -> JoinType.FULL;
      case SEMI -> JoinType.SEMI;
      case ANTI -> JoinType.ANTI;
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Join type " + join.getJoinType() + " is not supported yet");
    };
    RelMetadataQuery metadata = join.getCluster().getMetadataQuery();
    Double leftRows = metadata.getRowCount(join.getLeft());
    Double rightRows = metadata.getRowCount(join.getRight());
    boolean leftSmaller = leftRows != null && rightRows != null && leftRows < rightRows;
    if (type.projectsProbeOnly()) {
      return lowerSemiOrAntiJoin(left, right, type, leftKeys, rightKeys, nullSafe, condition,
          leftSmaller, TypeConversion.toRowType(join.getRowType()));
    }
    boolean swap = leftSmaller;
    if (!swap) {
      Optional<Expression> lowered = condition == null ? Optional.empty()
          : Optional.of(expressions.lower(condition));
      return new HashJoinNode(left, right, type, leftKeys, rightKeys, nullSafe, lowered,
          TypeConversion.toRowType(join.getRowType()));
    }
    // Build the smaller left side: probe with the right side, whose columns then come first.
    Optional<Expression> lowered = condition == null ? Optional.empty()
        : Optional.of(expressions.lower(condition.accept(new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            int index = ref.getIndex();
            return new RexInputRef(index < leftCount ? index + rightCount : index - leftCount,
                ref.getType());
          }
        })));
    JoinType swappedType = switch (type) {
      case LEFT -> JoinType.RIGHT;
      case RIGHT -> JoinType.LEFT;
      default -> type;
    };
    RowType joinedType = TypeConversion.toRowType(join.getRowType());
    List<Column> swappedColumns = new ArrayList<>(joinedType.columns().subList(leftCount,
        leftCount + rightCount));
    swappedColumns.addAll(joinedType.columns().subList(0, leftCount));
    ExecNode swapped = new HashJoinNode(right, left, swappedType, rightKeys, leftKeys, nullSafe,
        lowered, new RowType(swappedColumns));
    List<Expression> reorder = new ArrayList<>(leftCount + rightCount);
    for (int i = 0; i < leftCount + rightCount; i++) {
      int source = i < leftCount ? rightCount + i : i - leftCount;
      reorder.add(new ColumnReference(source, joinedType.type(i)));
    }
    return new ProjectNode(swapped, reorder, joinedType);
  }

  /**
   * A semi or anti join keeps none of its right input's columns, so its right side is narrowed
   * to the key and residual columns before it is read into a hash table or streamed past one.
   * When the left (outer) side is estimated smaller it is the one built: a RIGHT_SEMI or
   * RIGHT_ANTI join probes with the right side and emits the build rows by whether they
   * matched (TPC-H Q21 builds its few thousand outer rows instead of six million lineitems).
   */
  private ExecNode lowerSemiOrAntiJoin(ExecNode left, ExecNode right, JoinType type,
      List<Integer> leftKeys, List<Integer> rightKeys, List<Boolean> nullSafe, RexNode condition,
      boolean leftSmaller, RowType outputType) {
    int leftCount = left.outputType().size();
    int rightCount = right.outputType().size();
    ImmutableBitSet.Builder used = ImmutableBitSet.builder();
    rightKeys.forEach(used::set);
    if (condition != null) {
      for (int index : RelOptUtil.InputFinder.bits(condition)) {
        if (index >= leftCount) {
          used.set(index - leftCount);
        }
      }
    }
    ImmutableBitSet needed = used.build();
    int[] narrowedIndex = new int[rightCount];
    ExecNode narrowed = right;
    List<Integer> narrowedKeys = rightKeys;
    if (needed.cardinality() < rightCount) {
      List<Expression> kept = new ArrayList<>();
      List<Column> keptColumns = new ArrayList<>();
      // A projection below keeps only the expressions still needed, rather than a second one.
      ProjectNode below = right instanceof ProjectNode project ? project : null;
      for (int column : needed) {
        narrowedIndex[column] = kept.size();
        kept.add(below != null ? below.expressions().get(column)
            : new ColumnReference(column, right.outputType().type(column)));
        keptColumns.add(right.outputType().column(column));
      }
      narrowed = new ProjectNode(below != null ? below.input() : right, kept,
          new RowType(keptColumns));
      narrowedKeys = rightKeys.stream().map(key -> narrowedIndex[key]).toList();
    } else {
      for (int column = 0; column < rightCount; column++) {
        narrowedIndex[column] = column;
      }
    }
    int narrowedCount = narrowed.outputType().size();
    boolean buildLeft = leftSmaller && !leftKeys.isEmpty();
    // Residual columns: probe side first, then build side.
    RexNode residual = condition == null ? null : condition.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        int index = ref.getIndex();
        if (index < leftCount) {
          return buildLeft ? new RexInputRef(narrowedCount + index, ref.getType()) : ref;
        }
        int rightIndex = narrowedIndex[index - leftCount];
        return new RexInputRef(buildLeft ? rightIndex : leftCount + rightIndex, ref.getType());
      }
    });
    Optional<Expression> lowered = residual == null ? Optional.empty()
        : Optional.of(expressions.lower(residual));
    if (!buildLeft) {
      return new HashJoinNode(left, narrowed, type, leftKeys, narrowedKeys, nullSafe, lowered,
          outputType);
    }
    JoinType buildSideType = type == JoinType.SEMI ? JoinType.RIGHT_SEMI : JoinType.RIGHT_ANTI;
    return new HashJoinNode(narrowed, left, buildSideType, narrowedKeys, leftKeys, nullSafe,
        lowered, outputType);
  }

  /**
   * An inner join whose condition calls UDFs joins on the rest of the condition, then filters
   * on the conjuncts with calls, each UDF seeing only rows that already matched on the keys.
   * Outer, semi and anti joins cannot move a condition above the join; the planner has already
   * pushed every conjunct that depends on one input only into that input where it could.
   */
  private ExecNode lowerJoinCallingFunctions(SalvoJoin join) {
    if (join.getJoinType() != JoinRelType.INNER) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "A user-defined function in the ON"
          + " condition of a " + join.getJoinType() + " join is not supported yet: compute it"
          + " in a subquery of the joined table, or filter in WHERE (condition: "
          + join.getCondition() + ")");
    }
    RexBuilder rexBuilder = join.getCluster().getRexBuilder();
    List<RexNode> plain = new ArrayList<>();
    List<RexNode> calling = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      (JavaFunctionOperator.isCalledIn(conjunct) ? calling : plain).add(conjunct);
    }
    SalvoJoin keysOnly = (SalvoJoin) join.copy(join.getTraitSet(),
        RexUtil.composeConjunction(rexBuilder, plain), join.getLeft(), join.getRight(),
        join.getJoinType(), join.isSemiJoinDone());
    return filter(lowerJoin(keysOnly), RexUtil.composeConjunction(rexBuilder, calling));
  }

  /** Whether the hash table can compare the two key types directly. */
  private static boolean hashCompatible(DataType left, DataType right) {
    if (integerLike(left.kind()) && integerLike(right.kind())) {
      return true;
    }
    if (floating(left.kind()) && floating(right.kind())) {
      return true;
    }
    return left.kind() == right.kind()
        && (left.kind() != TypeKind.DECIMAL || left.scale() == right.scale());
  }

  private static boolean integerLike(TypeKind kind) {
    return kind == TypeKind.TINYINT || kind == TypeKind.SMALLINT || kind == TypeKind.INTEGER
        || kind == TypeKind.BIGINT;
  }

  private static boolean floating(TypeKind kind) {
    return kind == TypeKind.REAL || kind == TypeKind.DOUBLE;
  }

  private ExecNode lowerScan(SalvoTableScan scan) {
    ConnectorTable table = scan.getTable().unwrap(ConnectorTable.class);
    if (table == null) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Table " + scan.getTable().getQualifiedName() + " has no executor source");
    }
    Optional<Expression> filter = scan.filter() == null ? Optional.empty()
        : Optional.of(expressions.lower(scan.filter()));
    return new TableScanNode(table.source(), scan.projects(), filter);
  }

  private ExecNode lowerAggregate(SalvoAggregate aggregate) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return lowerGroupingSets(aggregate);
    }
    List<AggregateCall> calls = new ArrayList<>();
    List<RexNode> literals = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
        // A constant per group (subquery removal uses it as a match marker): project it.
        literals.add(call.rexList.get(0));
        continue;
      }
      literals.add(null);
      if (call.filterArg >= 0) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "Aggregate FILTER (WHERE ...) is not supported yet");
      }
      if (!call.getCollation().getFieldCollations().isEmpty()) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "Aggregate WITHIN GROUP (ORDER BY ...) is not supported yet");
      }
      calls.add(new AggregateCall(aggregateFunction(call), call.getArgList(), call.isDistinct(),
          TypeConversion.toDataType(call.getType()),
          call.getName() == null ? call.getAggregation().getName() : call.getName()));
    }
    RowType outputType = TypeConversion.toRowType(aggregate.getRowType());
    int groupCount = aggregate.getGroupCount();
    if (calls.size() == literals.size()) {
      return new AggregateNode(lower(aggregate.getInput()), aggregate.getGroupSet().asList(),
          calls, outputType);
    }
    List<Column> computed = new ArrayList<>(outputType.columns().subList(0, groupCount));
    for (int i = 0; i < literals.size(); i++) {
      if (literals.get(i) == null) {
        computed.add(outputType.column(groupCount + i));
      }
    }
    AggregateNode node = new AggregateNode(lower(aggregate.getInput()),
        aggregate.getGroupSet().asList(), calls, new RowType(computed));
    List<Expression> projections = new ArrayList<>();
    for (int i = 0; i < groupCount; i++) {
      projections.add(new ColumnReference(i, outputType.type(i)));
    }
    int next = groupCount;
    for (int i = 0; i < literals.size(); i++) {
      projections.add(literals.get(i) != null ? expressions.lower(literals.get(i))
          : new ColumnReference(next++, outputType.type(groupCount + i)));
    }
    return new ProjectNode(node, projections, outputType);
  }

  /**
   * GROUPING SETS (and ROLLUP, CUBE) as a UNION ALL of one aggregate per grouping set, each
   * projected to the full output: NULL for the keys outside its set, GROUPING() and GROUP_ID()
   * as the constants they are within one set.
   */
  private ExecNode lowerGroupingSets(SalvoAggregate aggregate) {
    RowType outputType = TypeConversion.toRowType(aggregate.getRowType());
    List<Integer> allKeys = aggregate.getGroupSet().asList();
    int groupCount = allKeys.size();
    List<org.apache.calcite.rel.core.AggregateCall> aggregateCalls = aggregate.getAggCallList();
    List<ImmutableBitSet> groupSets = aggregate.getGroupSets();
    List<ExecNode> branches = new ArrayList<>(groupSets.size());
    for (int setIndex = 0; setIndex < groupSets.size(); setIndex++) {
      ImmutableBitSet groupSet = groupSets.get(setIndex);
      List<Integer> keys = groupSet.asList();
      List<Column> computed = new ArrayList<>();
      for (int key : keys) {
        computed.add(outputType.column(allKeys.indexOf(key)));
      }
      List<AggregateCall> calls = new ArrayList<>();
      List<Expression> projections = new ArrayList<>();
      for (int k = 0; k < groupCount; k++) {
        int position = keys.indexOf(allKeys.get(k));
        projections.add(position >= 0 ? new ColumnReference(position, outputType.type(k))
            : new Literal(null, outputType.type(k)));
      }
      for (int i = 0; i < aggregateCalls.size(); i++) {
        org.apache.calcite.rel.core.AggregateCall call = aggregateCalls.get(i);
        DataType type = outputType.type(groupCount + i);
        switch (call.getAggregation().getKind()) {
          case GROUPING, GROUPING_ID -> {
            long bits = 0;
            for (int argument : call.getArgList()) {
              bits = bits << 1 | (groupSet.get(argument) ? 0 : 1);
            }
            projections.add(new Literal(bits, type));
          }
          case GROUP_ID -> {
            long duplicates = groupSets.subList(0, setIndex).stream()
                .filter(groupSet::equals).count();
            projections.add(new Literal(duplicates, type));
          }
          case LITERAL_AGG -> projections.add(expressions.lower(call.rexList.get(0)));
          default -> {
            if (call.filterArg >= 0) {
              throw new SalvoException(ErrorCode.NOT_SUPPORTED,
                  "Aggregate FILTER (WHERE ...) is not supported yet");
            }
            if (!call.getCollation().getFieldCollations().isEmpty()) {
              throw new SalvoException(ErrorCode.NOT_SUPPORTED,
                  "Aggregate WITHIN GROUP (ORDER BY ...) is not supported yet");
            }
            String name = call.getName() == null ? call.getAggregation().getName() : call.getName();
            calls.add(new AggregateCall(aggregateFunction(call), call.getArgList(),
                call.isDistinct(), type, name));
            computed.add(outputType.column(groupCount + i));
            projections.add(new ColumnReference(keys.size() + calls.size() - 1, type));
          }
        }
      }
      AggregateNode node = new AggregateNode(lower(aggregate.getInput()), keys, calls,
          new RowType(computed));
      branches.add(new ProjectNode(node, projections, outputType));
    }
    return branches.size() == 1 ? branches.get(0) : new UnionNode(branches, outputType);
  }

  /**
   * Lowers each window group to a sort by its partition and order keys followed by a window
   * node appending that group's calls; groups chain, so the columns come out in Calcite's order
   * (input columns, then every group's calls).
   */
  private ExecNode lowerWindow(SalvoWindow window) {
    ExecNode current = lower(window.getInput());
    int inputCount = window.getInput().getRowType().getFieldCount();
    RowType finalType = TypeConversion.toRowType(window.getRowType());
    int produced = inputCount;
    for (Window.Group group : window.groups) {
      if (group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "Window frame EXCLUDE is not supported yet");
      }
      List<Integer> partitionKeys = group.keys.asList();
      List<SortKey> orderKeys = sortKeys(group.orderKeys.getFieldCollations());
      List<SortKey> sortKeys = new ArrayList<>();
      for (int key : partitionKeys) {
        sortKeys.add(new SortKey(key, true, true));
      }
      sortKeys.addAll(orderKeys);
      ExecNode sorted = sortKeys.isEmpty() ? current : new SortNode(current, sortKeys, 0, -1);
      WindowFrame frame = new WindowFrame(group.isRows, frameBound(group.lowerBound, window),
          frameBound(group.upperBound, window));
      List<WindowCall> calls = new ArrayList<>();
      List<Column> columns = new ArrayList<>(current.outputType().columns());
      for (Window.RexWinAggCall call : group.aggCalls) {
        String name = finalType.column(produced++).name();
        DataType type = TypeConversion.toDataType(call.getType());
        calls.add(windowCall(call, window, inputCount, type, name));
        columns.add(new Column(name, type));
      }
      current = new WindowNode(sorted, partitionKeys, orderKeys, frame, calls,
          new RowType(columns));
    }
    return current;
  }

  private WindowCall windowCall(Window.RexWinAggCall call, SalvoWindow window, int inputCount,
      DataType type, String name) {
    if (call.distinct) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "DISTINCT in a window aggregate is not supported yet");
    }
    if (call.ignoreNulls) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "IGNORE NULLS in a window function is not supported yet");
    }
    WindowFunction function = switch (call.getOperator().getKind()) {
      case ROW_NUMBER -> WindowFunction.ROW_NUMBER;
      case RANK -> WindowFunction.RANK;
      case DENSE_RANK -> WindowFunction.DENSE_RANK;
      case PERCENT_RANK -> WindowFunction.PERCENT_RANK;
      case CUME_DIST -> WindowFunction.CUME_DIST;
      case NTILE -> WindowFunction.NTILE;
      case LAG -> WindowFunction.LAG;
      case LEAD -> WindowFunction.LEAD;
      case FIRST_VALUE -> WindowFunction.FIRST_VALUE;
      case LAST_VALUE -> WindowFunction.LAST_VALUE;
      case COUNT -> WindowFunction.COUNT;
      case SUM -> WindowFunction.SUM;
      case SUM0 -> WindowFunction.SUM0;
      case AVG -> WindowFunction.AVG;
      case MIN -> WindowFunction.MIN;
      case MAX -> WindowFunction.MAX;
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Window function " + call.getOperator().getName() + " is not supported yet");
    };
    List<RexNode> operands = call.getOperands();
    List<Integer> arguments = new ArrayList<>();
    long offset = 1;
    Object defaultValue = null;
    if (function == WindowFunction.NTILE) {
      offset = constant(operands.get(0), window, "NTILE's bucket count").longValue();
    } else if (function == WindowFunction.LAG || function == WindowFunction.LEAD) {
      arguments.add(inputColumn(operands.get(0), inputCount));
      if (operands.size() > 1) {
        offset = constant(operands.get(1), window, "The LAG/LEAD offset").longValueExact();
      }
      if (operands.size() > 2) {
        RexLiteral literal = constantLiteral(operands.get(2), window, "The LAG/LEAD default");
        defaultValue = ExpressionLowering.literalValue(literal, type);
      }
    } else {
      for (RexNode operand : operands) {
        arguments.add(inputColumn(operand, inputCount));
      }
    }
    return new WindowCall(function, arguments, offset, defaultValue, type, name);
  }

  private static int inputColumn(RexNode operand, int inputCount) {
    if (operand instanceof RexInputRef reference && reference.getIndex() < inputCount) {
      return reference.getIndex();
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "A window function argument must be a column here, got " + operand);
  }

  private static RexLiteral constantLiteral(RexNode operand, Window window, String what) {
    if (operand instanceof RexLiteral literal) {
      return literal;
    }
    int inputCount = window.getInput().getRowType().getFieldCount();
    if (operand instanceof RexInputRef reference && reference.getIndex() >= inputCount) {
      return window.getConstants().get(reference.getIndex() - inputCount);
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED, what + " must be a constant, got " + operand);
  }

  private static BigDecimal constant(RexNode operand, Window window, String what) {
    BigDecimal value = constantLiteral(operand, window, what).getValueAs(BigDecimal.class);
    if (value == null || value.signum() < 0) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          what + " must be a non-negative constant, got " + operand);
    }
    return value;
  }

  private static WindowFrame.Bound frameBound(RexWindowBound bound, Window window) {
    if (bound.isCurrentRow()) {
      return new WindowFrame.Bound(WindowFrame.BoundKind.CURRENT_ROW, null);
    } else if (bound.isUnbounded()) {
      return new WindowFrame.Bound(bound.isPreceding()
          ? WindowFrame.BoundKind.UNBOUNDED_PRECEDING : WindowFrame.BoundKind.UNBOUNDED_FOLLOWING,
          null);
    }
    BigDecimal offset = constant(bound.getOffset(), window, "A window frame offset");
    return new WindowFrame.Bound(bound.isPreceding() ? WindowFrame.BoundKind.PRECEDING
        : WindowFrame.BoundKind.FOLLOWING, offset);
  }

  private static AggregateFunction aggregateFunction(
      org.apache.calcite.rel.core.AggregateCall call) {
    return switch (call.getAggregation().getKind()) {
      case COUNT -> AggregateFunction.COUNT;
      case SUM -> AggregateFunction.SUM;
      case SUM0 -> AggregateFunction.SUM0;
      case AVG -> AggregateFunction.AVG;
      case MIN -> AggregateFunction.MIN;
      case MAX -> AggregateFunction.MAX;
      case SINGLE_VALUE -> AggregateFunction.SINGLE_VALUE;
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Aggregate function " + call.getAggregation().getName() + " is not supported yet");
    };
  }

  private ExecNode lowerSort(SalvoSort sort) {
    ExecNode input = lower(sort.getInput());
    long offset = sort.offset == null ? 0 : rowCount(sort.offset, "OFFSET");
    long fetch = sort.fetch == null ? -1 : rowCount(sort.fetch, "FETCH");
    List<RelFieldCollation> collations = sort.getCollation().getFieldCollations();
    if (collations.isEmpty()) {
      return new LimitNode(input, offset, fetch);
    }
    return new SortNode(input, sortKeys(collations), offset, fetch);
  }

  private static List<SortKey> sortKeys(List<RelFieldCollation> collations) {
    List<SortKey> keys = new ArrayList<>(collations.size());
    for (RelFieldCollation collation : collations) {
      boolean ascending = !collation.getDirection().isDescending();
      boolean nullsFirst = switch (collation.nullDirection) {
        case FIRST -> true;
        case LAST -> false;
        case UNSPECIFIED -> !ascending;
      };
      keys.add(new SortKey(collation.getFieldIndex(), ascending, nullsFirst));
    }
    return keys;
  }

  private static long rowCount(RexNode node, String clause) {
    if (node instanceof RexLiteral literal) {
      Long value = literal.getValueAs(Long.class);
      if (value != null && value >= 0) {
        return value;
      }
    }
    throw new SalvoException(ErrorCode.VALIDATION_ERROR,
        clause + " must be a non-negative integer constant, got " + node);
  }

  private ExecNode lowerValues(SalvoValues values) {
    RowType rowType = TypeConversion.toRowType(values.getRowType());
    List<List<Object>> rows = new ArrayList<>(values.getTuples().size());
    for (List<RexLiteral> tuple : values.getTuples()) {
      List<Object> row = new ArrayList<>(tuple.size());
      for (int i = 0; i < tuple.size(); i++) {
        row.add(ExpressionLowering.literalValue(tuple.get(i), rowType.type(i)));
      }
      rows.add(row);
    }
    return new ValuesNode(rowType, rows);
  }
}
