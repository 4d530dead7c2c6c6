package dev.salvo.exec.expr.compare;

import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.CheckedRange;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/** Compares integer-stored values of any width: integers, booleans, dates, times, intervals. */
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
  void compareVectors(FieldVector left, FieldVector right, ArrowBuf out, int rowCount) {
    ArrowBuf a = left.getDataBuffer();
    ArrowBuf b = right.getDataBuffer();
    if (leftWidth == rightWidth && (leftWidth == 4 || leftWidth == 8)) {
      long bytes = (long) rowCount * leftWidth;
      compareSameWidth(CheckedRange.address(a, bytes), CheckedRange.address(b, bytes), out,
          rowCount);
      return;
    }
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int cmp = Long.compare(Vectors.readLong(a, leftWidth, i), Vectors.readLong(b, rightWidth, i));
      bits |= ((mask >>> (cmp + 1)) & 1) << (i & 7);
      if ((i & 7) == 7) {
        out.setByte(i >>> 3, bits);
        bits = 0;
      }
    }
    if ((rowCount & 7) != 0) {
      out.setByte(rowCount >>> 3, bits);
    }
  }

  @Override
  void compareToConstant(FieldVector left, ConstantExpression right, ArrowBuf out,
      int rowCount) {
    ArrowBuf a = left.getDataBuffer();
    long constant = right.longValue();
    if (leftWidth == 4 || leftWidth == 8) {
      compareToConstant(CheckedRange.address(a, (long) rowCount * leftWidth), constant, out,
          rowCount);
      return;
    }
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int cmp = Long.compare(Vectors.readLong(a, leftWidth, i), constant);
      bits |= ((mask >>> (cmp + 1)) & 1) << (i & 7);
      if ((i & 7) == 7) {
        out.setByte(i >>> 3, bits);
        bits = 0;
      }
    }
    if ((rowCount & 7) != 0) {
      out.setByte(rowCount >>> 3, bits);
    }
  }

  /** The same for 4 or 8 byte values read straight from memory, the range checked once. */
  private void compareToConstant(long address, long constant, ArrowBuf out, int rowCount) {
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      long value = leftWidth == 8 ? MemoryUtil.getLong(address + ((long) i << 3))
          : MemoryUtil.getInt(address + ((long) i << 2));
      int cmp = Long.compare(value, constant);
      bits |= ((mask >>> (cmp + 1)) & 1) << (i & 7);
      if ((i & 7) == 7) {
        out.setByte(i >>> 3, bits);
        bits = 0;
      }
    }
    if ((rowCount & 7) != 0) {
      out.setByte(rowCount >>> 3, bits);
    }
  }

  /** Two columns of 4 or 8 byte values read straight from memory, the ranges checked once. */
  private void compareSameWidth(long left, long right, ArrowBuf out, int rowCount) {
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      long x = leftWidth == 8 ? MemoryUtil.getLong(left + ((long) i << 3))
          : MemoryUtil.getInt(left + ((long) i << 2));
      long y = leftWidth == 8 ? MemoryUtil.getLong(right + ((long) i << 3))
          : MemoryUtil.getInt(right + ((long) i << 2));
      int cmp = Long.compare(x, y);
      bits |= ((mask >>> (cmp + 1)) & 1) << (i & 7);
      if ((i & 7) == 7) {
        out.setByte(i >>> 3, bits);
        bits = 0;
      }
    }
    if ((rowCount & 7) != 0) {
      out.setByte(rowCount >>> 3, bits);
    }
  }
}
