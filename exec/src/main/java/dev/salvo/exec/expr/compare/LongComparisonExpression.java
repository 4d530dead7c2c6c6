package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Vectors;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * Compares integer-stored values of any width: integers, booleans, dates, times, intervals. The
 * values are read straight from memory, each buffer's range checked once per batch.
 */
final class LongComparisonExpression extends ComparisonExpression {
  private final int leftWidth;
  private final int rightWidth;

  LongComparisonExpression(VectorExpression left, VectorExpression right, int mask,
      NullHandling nullHandling) {
    super(left, right, mask, nullHandling);
    this.leftWidth = Vectors.longWidth(left.type().kind());
    this.rightWidth = Vectors.longWidth(right.type().kind());
  }

  @Override
  int rangeWidth() {
    return leftWidth == 4 && right instanceof ConstantExpression constant && !constant.isNull()
        ? 4 : 0;
  }

  @Override
  long storedConstant() {
    return ((ConstantExpression) right).longValue();
  }

  @Override
  void compareVectors(FieldVector left, FieldVector right, long out, int rowCount) {
    long a = address(left.getDataBuffer(), leftWidth, rowCount);
    long b = address(right.getDataBuffer(), rightWidth, rowCount);
    if (leftWidth == 4 && rightWidth == 4) {
      compareIntVectors(a, b, out, rowCount);
      return;
    }
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int cmp = Long.compare(read(a, leftWidth, i), read(b, rightWidth, i));
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }

  @Override
  void compareToConstant(FieldVector left, ConstantExpression right, long out,
      int rowCount) {
    long a = address(left.getDataBuffer(), leftWidth, rowCount);
    long constant = right.longValue();
    if (leftWidth == 4 && isSmall(constant)) {
      compareIntsToConstant(a, constant, out, rowCount);
      return;
    }
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int cmp = Long.compare(read(a, leftWidth, i), constant);
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }

  @Override
  boolean compareSelectedToConstant(FieldVector left, ConstantExpression right, int[] rows,
      int count, long out) {
    int valueCount = left.getValueCount();
    long a = address(left.getDataBuffer(), leftWidth, valueCount);
    long constant = right.longValue();
    if (leftWidth == 4 && isSmall(constant)) {
      compareSelectedIntsToConstant(a, valueCount, constant, rows, count, out);
      return true;
    }
    int bits = 0;
    for (int j = 0; j < count; j++) {
      int row = Objects.checkIndex(rows[j], valueCount);
      int cmp = Long.compare(read(a, leftWidth, row), constant);
      bits = addResult(bits, cmp, j, out);
    }
    flushResults(bits, count, out);
    return true;
  }

  @Override
  boolean compareSelectedVectors(FieldVector left, FieldVector right, int[] rows, int count,
      long out) {
    int valueCount = Math.min(left.getValueCount(), right.getValueCount());
    long a = address(left.getDataBuffer(), leftWidth, valueCount);
    long b = address(right.getDataBuffer(), rightWidth, valueCount);
    if (leftWidth == 4 && rightWidth == 4) {
      compareSelectedIntVectors(a, b, valueCount, rows, count, out);
      return true;
    }
    int bits = 0;
    for (int j = 0; j < count; j++) {
      int row = Objects.checkIndex(rows[j], valueCount);
      int cmp = Long.compare(read(a, leftWidth, row), read(b, rightWidth, row));
      bits = addResult(bits, cmp, j, out);
    }
    flushResults(bits, count, out);
    return true;
  }

  /**
   * Whether a 32-bit value and {@code constant} subtract without overflow either way, as
   * {@link #resultBit} needs.
   */
  private static boolean isSmall(long constant) {
    return constant >= -(1L << 62) && constant <= 1L << 62;
  }

  // The loops below, for 32-bit values (integers, dates), fill 64 results in a register and
  // store them at once; each row costs a few arithmetic instructions and no branch.

  private void compareIntsToConstant(long a, long constant, long out, int rowCount) {
    int full = rowCount & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        long value = MemoryUtil.getInt(a + ((long) (base + k) << 2));
        word |= resultBit(value - constant, constant - value) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int i = full; i < rowCount; i++) {
      long value = MemoryUtil.getInt(a + ((long) i << 2));
      bits = addBit(bits, (int) resultBit(value - constant, constant - value), i, out);
    }
    flushResults(bits, rowCount, out);
  }

  private void compareIntVectors(long a, long b, long out, int rowCount) {
    int full = rowCount & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        long offset = (long) (base + k) << 2;
        long x = MemoryUtil.getInt(a + offset);
        long y = MemoryUtil.getInt(b + offset);
        word |= resultBit(x - y, y - x) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int i = full; i < rowCount; i++) {
      long x = MemoryUtil.getInt(a + ((long) i << 2));
      long y = MemoryUtil.getInt(b + ((long) i << 2));
      bits = addBit(bits, (int) resultBit(x - y, y - x), i, out);
    }
    flushResults(bits, rowCount, out);
  }

  private void compareSelectedIntsToConstant(long a, int valueCount, long constant, int[] rows,
      int count, long out) {
    int full = count & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        int row = Objects.checkIndex(rows[base + k], valueCount);
        long value = MemoryUtil.getInt(a + ((long) row << 2));
        word |= resultBit(value - constant, constant - value) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int j = full; j < count; j++) {
      int row = Objects.checkIndex(rows[j], valueCount);
      long value = MemoryUtil.getInt(a + ((long) row << 2));
      bits = addBit(bits, (int) resultBit(value - constant, constant - value), j, out);
    }
    flushResults(bits, count, out);
  }

  private void compareSelectedIntVectors(long a, long b, int valueCount, int[] rows, int count,
      long out) {
    int full = count & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        long offset = (long) Objects.checkIndex(rows[base + k], valueCount) << 2;
        long x = MemoryUtil.getInt(a + offset);
        long y = MemoryUtil.getInt(b + offset);
        word |= resultBit(x - y, y - x) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int j = full; j < count; j++) {
      long offset = (long) Objects.checkIndex(rows[j], valueCount) << 2;
      long x = MemoryUtil.getInt(a + offset);
      long y = MemoryUtil.getInt(b + offset);
      bits = addBit(bits, (int) resultBit(x - y, y - x), j, out);
    }
    flushResults(bits, count, out);
  }

  /** The data buffer's address, checked to hold {@code rowCount} values of {@code width}. */
  private static long address(ArrowBuf data, int width, int rowCount) {
    long bytes = width == Vectors.BIT_WIDTH ? Vectors.bitBytes(rowCount) : (long) rowCount * width;
    return CheckedRange.address(data, bytes);
  }

  /** Value {@code index} of a vector of {@code width} bytes (or bits) at {@code address}. */
  private static long read(long address, int width, int index) {
    return switch (width) {
      case 8 -> MemoryUtil.getLong(address + ((long) index << 3));
      case 4 -> MemoryUtil.getInt(address + ((long) index << 2));
      case 2 -> MemoryUtil.getShort(address + ((long) index << 1));
      case 1 -> MemoryUtil.getByte(address + index);
      default -> (MemoryUtil.getByte(address + (index >>> 3)) >> (index & 7)) & 1;
    };
  }
}
