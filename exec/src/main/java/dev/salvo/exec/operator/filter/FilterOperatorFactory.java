package dev.salvo.exec.operator.filter;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.runner.QueryContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Creates filters that keep the rows for which a condition is TRUE; compiled once. */
public final class FilterOperatorFactory implements OperatorFactory {
  private final VectorExpression condition;

  public FilterOperatorFactory(Expression condition) {
    this.condition = ExpressionCompiler.compile(condition);
  }

  @Override
  public Operator create(QueryContext context) {
    return new FilterOperator(condition, context.allocator());
  }

  /** Evaluates the condition a batch at a time and compacts the passing rows. */
  private static final class FilterOperator implements Operator {
    private final VectorExpression condition;
    private final BufferAllocator allocator;

    FilterOperator(VectorExpression condition, BufferAllocator allocator) {
      this.condition = condition;
      this.allocator = allocator;
    }

    @Override
    public void process(Batch input, BatchCollector output) {
      Batch result;
      FieldVector mask;
      try {
        mask = condition.evaluate(input, allocator);
      } catch (RuntimeException e) {
        input.close();
        throw e;
      }
      try (mask) {
        result = RowFilter.apply(input, mask, allocator);
      }
      if (result != null) {
        output.accept(result);
      }
    }
  }
}
