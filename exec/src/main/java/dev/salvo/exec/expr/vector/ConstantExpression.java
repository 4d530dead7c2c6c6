package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A constant value (or NULL) of a type. Kernels recognise it and use the scalar directly; only a
 * consumer that needs a whole vector (a projected literal) makes {@link #evaluate} fill one.
 */
public record ConstantExpression(Object value, DataType type) implements VectorExpression {
  public ConstantExpression {
    if (value instanceof BigDecimal decimal && decimal.scale() != type.scale()) {
      value = decimal.setScale(type.scale(), RoundingMode.HALF_UP);
    }
  }

  public static ConstantExpression nullOf(DataType type) {
    return new ConstantExpression(null, type);
  }

  public boolean isNull() {
    return value == null;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    FieldVector vector = Vectors.allocate(type, rowCount, allocator);
    try {
      if (value != null) {
        for (int i = 0; i < rowCount; i++) {
          VectorValues.set(vector, i, value);
        }
      }
      vector.setValueCount(rowCount);
      return vector;
    } catch (RuntimeException | Error e) {
      vector.close();
      throw e;
    }
  }

  /** The value as a long (integer kinds, dates, times, intervals, booleans as 0 or 1). */
  public long longValue() {
    return ConstantValues.toLong(value);
  }

  public double doubleValue() {
    return ((Number) value).doubleValue();
  }
}
