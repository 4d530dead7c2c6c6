package dev.salvo.sql.lower;

import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.rel.SalvoJoin;
import dev.salvo.sql.rel.SalvoUnion;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
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
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Turns an optimized plan in Salvo's convention into the executor's {@link ExecNode} tree: the
 * one place that knows both Calcite and the executor.
 */
public final class ExecPlanLowering {
  private final ExpressionLowering expressions;

  public ExecPlanLowering(ExpressionLowering expressions) {
    this.expressions = expressions;
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

  public ExecNode lower(RelNode rel) {
    if (rel instanceof SalvoTableScan scan) {
      return lowerScan(scan);
    } else if (rel instanceof SalvoFilter filter) {
      return new FilterNode(lower(filter.getInput()), expressions.lower(filter.getCondition()));
    } else if (rel instanceof SalvoProject project) {
      return new ProjectNode(lower(project.getInput()), expressions.lower(project.getProjects()),
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
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "Plan node " + rel.getRelTypeName() + " is not supported yet");
  }

  /**
   * Lowers a join to a hash join building its right input, or its left input when that one is
   * estimated smaller (then a projection restores the column order). Equi-keys whose two sides
   * the hash table cannot compare directly (different DECIMAL scales, say) are checked as part
   * of the residual condition instead.
   */
  private ExecNode lowerJoin(SalvoJoin join) {
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
    boolean swap = !type.projectsProbeOnly() && leftRows != null && rightRows != null
        && leftRows < rightRows;
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
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "GROUPING SETS, ROLLUP and CUBE are not supported yet");
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

  private static AggregateFunction aggregateFunction(
      org.apache.calcite.rel.core.AggregateCall call) {
    return switch (call.getAggregation().getKind()) {
      case COUNT -> AggregateFunction.COUNT;
      case SUM -> AggregateFunction.SUM;
      case SUM0 -> AggregateFunction.SUM0;
      case AVG -> AggregateFunction.AVG;
      case MIN -> AggregateFunction.MIN;
      case MAX -> AggregateFunction.MAX;
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
    return new SortNode(input, keys, offset, fetch);
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
