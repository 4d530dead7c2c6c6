package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ColumnExpression;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.InPlaceSelection;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code low <= column AND column <= high} in one pass over the column, for a 32-bit column
 * (integers, dates) or a decimal of at most 18 digits, with bounds in its stored units: what
 * an AND of a lower and an upper bound on one column compiles to (a date range, a BETWEEN). Two
 * comparisons read the column twice and leave the AND to combine two results; here each row
 * costs one subtraction and one sign test: {@code 0 <= value - low <= high - low}.
 */
final class RangeExpression implements VectorExpression, InPlaceSelection {
  private final ColumnExpression column;
  /** Bytes per value: 4 for 32-bit values, 16 for decimals (whose low 8 bytes hold them). */
  private final int width;
  private final long low;
  private final long span;
  private final DataType type;

  /** Whether a bound is small enough for the arithmetic of {@link #inside} not to overflow. */
  static boolean holds(long bound) {
    return bound >= -(1L << 61) && bound <= 1L << 61;
  }

  /** Bounds {@code low} and {@code high} (inclusive) must satisfy {@link #holds}. */
  RangeExpression(ColumnExpression column, int width, long low, long high) {
    this.column = column;
    this.width = width;
    this.low = low;
    this.span = high - low;
    this.type = DataType.BOOLEAN.withNullable(column.type().nullable());
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    FieldVector values = input.column(column.index());
    int rowCount = input.rowCount();
    FieldVector output = Vectors.allocate(DataType.BOOLEAN, rowCount, allocator);
    try {
      long in = address(values, rowCount);
      long out = CheckedRange.address(output.getDataBuffer(), Vectors.bitBytes(rowCount));
      int full = rowCount & ~63;
      for (int base = 0; base < full; base += 64) {
        long word = 0;
        for (int k = 0; k < 64; k++) {
          word |= inside(read(in, base + k)) << k;
        }
        MemoryUtil.putLong(out + (base >>> 3), word);
      }
      int bits = 0;
      for (int i = full; i < rowCount; i++) {
        bits = ComparisonExpression.addBit(bits, (int) inside(read(in, i)), i, out);
      }
      ComparisonExpression.flushResults(bits, rowCount, out);
      Vectors.intersectValidity(output.getValidityBuffer(), rowCount, values);
      output.setValueCount(rowCount);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    }
  }

  @Override
  public FieldVector evaluateSelected(Batch input, int[] rows, int count,
      BufferAllocator allocator) {
    FieldVector values = input.column(column.index());
    int valueCount = values.getValueCount();
    FieldVector output = Vectors.allocate(DataType.BOOLEAN, count, allocator);
    try {
      long in = address(values, valueCount);
      long out = CheckedRange.address(output.getDataBuffer(), Vectors.bitBytes(count));
      int full = count & ~63;
      for (int base = 0; base < full; base += 64) {
        long word = 0;
        for (int k = 0; k < 64; k++) {
          word |= inside(read(in, Objects.checkIndex(rows[base + k], valueCount))) << k;
        }
        MemoryUtil.putLong(out + (base >>> 3), word);
      }
      int bits = 0;
      for (int j = full; j < count; j++) {
        int row = Objects.checkIndex(rows[j], valueCount);
        bits = ComparisonExpression.addBit(bits, (int) inside(read(in, row)), j, out);
      }
      ComparisonExpression.flushResults(bits, count, out);
      Vectors.selectedValidity(output.getValidityBuffer(), rows, count, values);
      output.setValueCount(count);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    }
  }

  /** The address of {@code count} values of {@code values}, checked to be what this reads. */
  private long address(FieldVector values, int count) {
    if (width == Decimals.WIDTH && !Decimals.holdsOnlyLongs(values)) {
      throw new IllegalStateException("Not a decimal of at most 18 digits: " + values.getField());
    }
    return CheckedRange.address(values.getDataBuffer(), (long) count * width);
  }

  /** Value {@code index}, the range of {@code width * (index + 1)} bytes at {@code in} checked. */
  private long read(long in, int index) {
    return width == 4 ? MemoryUtil.getInt(in + ((long) index << 2))
        : MemoryUtil.getLong(in + ((long) index << 4));
  }

  /** 1 when {@code low <= value <= high}: neither {@code value - low} nor the rest is negative. */
  private long inside(long value) {
    long offset = value - low;
    return ~(offset | (span - offset)) >>> 63;
  }

  @Override
  public DataType type() {
    return type;
  }

  @Override
  public String toString() {
    return "RANGE(" + column + ", " + low + ", " + (low + span) + ")";
  }
}
