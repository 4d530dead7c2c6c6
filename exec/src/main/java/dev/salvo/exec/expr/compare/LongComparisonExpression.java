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
  void compareVectors(FieldVector left, FieldVector right, long out, int rowCount) {
    long a = address(left.getDataBuffer(), leftWidth, rowCount);
    long b = address(right.getDataBuffer(), rightWidth, rowCount);
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
    int bits = 0;
    for (int j = 0; j < count; j++) {
      int row = Objects.checkIndex(rows[j], valueCount);
      int cmp = Long.compare(read(a, leftWidth, row), read(b, rightWidth, row));
      bits = addResult(bits, cmp, j, out);
    }
    flushResults(bits, count, out);
    return true;
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
