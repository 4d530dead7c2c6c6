package dev.salvo.sql.lower;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.plan.AggregateCall;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.ProjectNode;
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

  public ExecNode lower(RelNode rel) {
    if (rel instanceof SalvoTableScan scan) {
      return lowerScan(scan);
    } else if (rel instanceof SalvoFilter filter) {
      return lowerFilter(filter);
    } else if (rel instanceof SalvoProject project) {
      ExternalCallSplitter.Split split =
          externalCalls.split(lower(project.getInput()), project.getProjects());
      return new ProjectNode(split.input(), expressions.lower(split.nodes()),
          TypeConversion.toRowType(project.getRowType()));
    } else if (rel instanceof SalvoAggregate aggregate) {
      return lowerAggregate(aggregate);
    } else if (rel instanceof SalvoSort sort) {
      return lowerSort(sort);
    } else if (rel instanceof SalvoValues values) {
      return lowerValues(values);
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "Plan node " + rel.getRelTypeName() + " is not supported yet");
  }

  /** A filter calling UDFs filters on their appended results, then drops those columns. */
  private ExecNode lowerFilter(SalvoFilter filter) {
    ExecNode input = lower(filter.getInput());
    ExternalCallSplitter.Split split = externalCalls.split(input, List.of(filter.getCondition()));
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
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
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
    return new AggregateNode(lower(aggregate.getInput()), aggregate.getGroupSet().asList(), calls,
        TypeConversion.toRowType(aggregate.getRowType()));
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
