package dev.salvo.exec.operator.project;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ColumnExpression;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Creates projections that compute one output column per expression; compiled once, with calls
 * that several expressions share computed once per batch (see {@link CommonSubexpressions}).
 */
public final class ProjectOperatorFactory implements OperatorFactory {
  private final List<VectorExpression> shared;
  private final int firstSharedColumn;
  private final List<VectorExpression> expressions;
  private final RowType outputType;
  /**
   * Per output, the input column whose vector it is, moved over as it is; -1 where it is
   * computed. An output moves a column that no other output names and the input batch is
   * dropped after the computed outputs are done: it costs no new vector for a column a
   * projection merely keeps, which is most of what projections above joins and scans do. Used
   * where no subexpression is shared (outputs then read a view extended by the shared values).
   */
  private final int[] movedColumns;

  public ProjectOperatorFactory(List<Expression> expressions, RowType outputType) {
    CommonSubexpressions common = CommonSubexpressions.of(expressions);
    this.shared = common.shared().stream().map(ExpressionCompiler::compile).toList();
    this.firstSharedColumn = common.firstSharedColumn();
    this.expressions = common.outputs().stream().map(ExpressionCompiler::compile).toList();
    this.outputType = outputType;
    this.movedColumns = movedColumns(this.expressions);
  }

  private static int[] movedColumns(List<VectorExpression> expressions) {
    int[] moved = new int[expressions.size()];
    Arrays.fill(moved, -1);
    Map<Integer, Long> namings = new HashMap<>();
    for (VectorExpression expression : expressions) {
      if (expression instanceof ColumnExpression column) {
        namings.merge(column.index(), 1L, Long::sum);
      }
    }
    for (int i = 0; i < moved.length; i++) {
      if (expressions.get(i) instanceof ColumnExpression column
          && namings.get(column.index()) == 1) {
        moved[i] = column.index();
      }
    }
    return moved;
  }

  @Override
  public Operator create(QueryContext context) {
    return new ProjectOperator(context.allocator());
  }

  /** Evaluates every expression over the input batch into a new batch. */
  private final class ProjectOperator implements Operator {
    private final BufferAllocator allocator;

    ProjectOperator(BufferAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public void process(Batch input, BatchCollector output) {
      if (shared.isEmpty()) {
        output.accept(computeAndMove(input));
        return;
      }
      List<FieldVector> columns = new ArrayList<>(expressions.size());
      List<FieldVector> sharedValues = new ArrayList<>(shared.size());
      Batch result;
      try (input) {
        for (VectorExpression expression : shared) {
          sharedValues.add(expression.evaluate(input, allocator));
        }
        // A view of the input's first columns and the shared values; it owns none of them.
        List<FieldVector> view = new ArrayList<>(input.columns().subList(0, firstSharedColumn));
        view.addAll(sharedValues);
        Batch extended = Batch.of(view, input.rowCount());
        for (int i = 0; i < expressions.size(); i++) {
          columns.add(named(expressions.get(i).evaluate(extended, allocator),
              outputType.column(i).name()));
        }
        result = Batch.of(columns, input.rowCount());
      } catch (RuntimeException e) {
        columns.forEach(FieldVector::close);
        throw e;
      } finally {
        sharedValues.forEach(FieldVector::close);
      }
      output.accept(result);
    }

    /** The output of a projection without shared subexpressions; takes {@code input} over. */
    private Batch computeAndMove(Batch input) {
      FieldVector[] columns = new FieldVector[expressions.size()];
      int rowCount = input.rowCount();
      int[] moved = movedColumns.clone();
      try {
        for (int i = 0; i < columns.length; i++) {
          if (moved[i] >= 0 && input.column(moved[i]).getValueCount() != rowCount) {
            moved[i] = -1; // a vector longer than its batch is sliced to it instead
          }
          if (moved[i] < 0) {
            columns[i] = named(expressions.get(i).evaluate(input, allocator),
                outputType.column(i).name());
          }
        }
      } catch (RuntimeException e) {
        for (FieldVector column : columns) {
          if (column != null) {
            column.close();
          }
        }
        input.close();
        throw e;
      }
      boolean[] kept = new boolean[input.columnCount()];
      for (int i = 0; i < columns.length; i++) {
        if (moved[i] >= 0) {
          columns[i] = input.column(moved[i]);
          kept[moved[i]] = true;
        }
      }
      // The input batch is dropped by closing the vectors that did not move.
      for (int column = 0; column < kept.length; column++) {
        if (!kept[column]) {
          input.column(column).close();
        }
      }
      for (int i = 0; i < columns.length; i++) {
        if (moved[i] >= 0) {
          columns[i] = named(columns[i], outputType.column(i).name());
        }
      }
      return Batch.of(Arrays.asList(columns), rowCount);
    }

    /** Gives the vector its output column name; moves buffers, copies nothing. */
    private FieldVector named(FieldVector vector, String name) {
      if (vector.getName().equals(name)) {
        return vector;
      }
      Field field = new Field(name, vector.getField().getFieldType(),
          vector.getField().getChildren());
      try (vector) {
        TransferPair transfer = vector.getTransferPair(field, allocator);
        transfer.transfer();
        return (FieldVector) transfer.getTo();
      }
    }
  }
}
