package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
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
      if (value != null && rowCount > 0) {
        VectorValues.set(vector, 0, value);
        replicateFirstValue(vector, rowCount);
      }
      vector.setValueCount(rowCount);
      return vector;
    } catch (RuntimeException | Error e) {
      vector.close();
      throw e;
    }
  }

  /**
   * Copies the vector's first value into rows 1 to {@code rowCount - 1}: fixed-width values and
   * strings by doubling copies of the bytes already written, other types value by value.
   */
  private static void replicateFirstValue(FieldVector vector, int rowCount) {
    if (vector instanceof BitVector bits) {
      boolean set = bits.get(0) != 0;
      for (int i = 1; i < rowCount; i++) {
        bits.set(i, set ? 1 : 0);
      }
    } else if (vector instanceof BaseFixedWidthVector fixed) {
      fillByDoubling(vector.getDataBuffer(), fixed.getTypeWidth(),
          (long) fixed.getTypeWidth() * rowCount);
      Vectors.setAll(vector.getValidityBuffer(), rowCount);
    } else if (vector instanceof BaseVariableWidthVector strings) {
      byte[] bytes = strings.get(0);
      strings.allocateNew(Math.max(1, (long) bytes.length * rowCount), rowCount);
      ArrowBuf data = strings.getDataBuffer();
      data.setBytes(0, bytes);
      fillByDoubling(data, bytes.length, (long) bytes.length * rowCount);
      ArrowBuf offsets = strings.getOffsetBuffer();
      for (int i = 0; i <= rowCount; i++) {
        offsets.setInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH, i * bytes.length);
      }
      Vectors.setAll(strings.getValidityBuffer(), rowCount);
      strings.setLastSet(rowCount - 1);
    } else {
      for (int i = 1; i < rowCount; i++) {
        vector.copyFromSafe(0, i, vector);
      }
    }
  }

  /** Repeats the buffer's first {@code width} bytes up to {@code total} bytes. */
  private static void fillByDoubling(ArrowBuf buffer, long width, long total) {
    if (width == 0) {
      return;
    }
    for (long filled = width; filled < total; filled *= 2) {
      buffer.setBytes(filled, buffer, 0, Math.min(filled, total - filled));
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
