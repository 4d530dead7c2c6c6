package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * An evaluated argument: either a constant (no vector), an input column read in place (borrowed,
 * not closed), or a vector computed for this evaluation (owned, closed with the operand).
 */
public final class Operand implements AutoCloseable {
  private final FieldVector vector;
  private final boolean owned;
  private final ConstantExpression constant;

  private Operand(FieldVector vector, boolean owned, ConstantExpression constant) {
    this.vector = vector;
    this.owned = owned;
    this.constant = constant;
  }

  /** Evaluates {@code expression}, keeping constants as scalars and columns in place. */
  public static Operand of(VectorExpression expression, Batch input, BufferAllocator allocator) {
    if (expression instanceof ConstantExpression constant) {
      return new Operand(null, false, constant);
    }
    return materialized(expression, input, allocator);
  }

  /** Evaluates {@code expression} to a vector, reading input columns in place. */
  public static Operand materialized(VectorExpression expression, Batch input,
      BufferAllocator allocator) {
    if (expression instanceof ColumnExpression column) {
      return new Operand(input.column(column.index()), false, null);
    }
    return new Operand(expression.evaluate(input, allocator), true, null);
  }

  /** Evaluates every expression; on a failure the operands already evaluated are closed. */
  public static Operand[] ofAll(java.util.List<VectorExpression> expressions, Batch input,
      BufferAllocator allocator) {
    Operand[] operands = new Operand[expressions.size()];
    try {
      for (int i = 0; i < operands.length; i++) {
        operands[i] = of(expressions.get(i), input, allocator);
      }
      return operands;
    } catch (RuntimeException | Error e) {
      closeAll(operands);
      throw e;
    }
  }

  public static void closeAll(Operand[] operands) {
    for (Operand operand : operands) {
      if (operand != null) {
        operand.close();
      }
    }
  }

  public boolean isConstant() {
    return constant != null;
  }

  /** The vector, or null for a constant. */
  public FieldVector vector() {
    return vector;
  }

  public ConstantExpression constant() {
    return constant;
  }

  /** The Java value at {@code row}, in the form {@link dev.salvo.exec.type.DataType} documents. */
  public Object value(int row) {
    return constant != null ? constant.value()
        : dev.salvo.exec.batch.VectorValues.get(vector, row);
  }

  @Override
  public void close() {
    if (owned) {
      vector.close();
    }
  }
}
