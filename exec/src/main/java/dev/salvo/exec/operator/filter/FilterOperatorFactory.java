package dev.salvo.exec.operator.filter;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.runner.QueryContext;
import java.util.BitSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Creates filters that keep the rows for which a condition is TRUE; compiled once. */
public final class FilterOperatorFactory implements OperatorFactory {
  private final VectorExpression condition;
  private final BitSet columnsRead;

  public FilterOperatorFactory(Expression condition) {
    this(condition, null);
  }

  /**
   * A filter whose output only {@code columnsRead} of are read after it (null: all): the
   * others are not copied for the rows that pass, only left as placeholders.
   */
  public FilterOperatorFactory(Expression condition, BitSet columnsRead) {
    this.condition = ExpressionCompiler.compile(condition);
    this.columnsRead = columnsRead;
  }

  @Override
  public Operator create(QueryContext context) {
    return new FilterOperator(condition, columnsRead, context.allocator());
  }

  /** Evaluates the condition a batch at a time and compacts the passing rows. */
  private static final class FilterOperator implements Operator {
    private final VectorExpression condition;
    private final BitSet columnsRead;
    private final BufferAllocator allocator;

    FilterOperator(VectorExpression condition, BitSet columnsRead, BufferAllocator allocator) {
      this.condition = condition;
      this.columnsRead = columnsRead;
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
        result = RowFilter.apply(input, mask, columnsRead, allocator);
      }
      if (result != null) {
        output.accept(result);
      }
    }
  }
}
