package dev.salvo.exec.operator.project;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
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

  public ProjectOperatorFactory(List<Expression> expressions, RowType outputType) {
    CommonSubexpressions common = CommonSubexpressions.of(expressions);
    this.shared = common.shared().stream().map(ExpressionCompiler::compile).toList();
    this.firstSharedColumn = common.firstSharedColumn();
    this.expressions = common.outputs().stream().map(ExpressionCompiler::compile).toList();
    this.outputType = outputType;
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
      List<FieldVector> columns = new ArrayList<>(expressions.size());
      List<FieldVector> sharedValues = new ArrayList<>(shared.size());
      Batch result;
      try (input) {
        Batch extended = input;
        if (!shared.isEmpty()) {
          for (VectorExpression expression : shared) {
            sharedValues.add(expression.evaluate(input, allocator));
          }
          // A view of the input's first columns and the shared values; it owns none of them.
          List<FieldVector> view = new ArrayList<>(input.columns().subList(0, firstSharedColumn));
          view.addAll(sharedValues);
          extended = Batch.of(view, input.rowCount());
        }
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
