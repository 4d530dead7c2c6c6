package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Decimals;
import java.math.BigDecimal;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * Compares DECIMAL values of possibly different scales on unscaled longs, aligning the scales
 * by powers of ten; rows whose values do not fit a long are compared as {@link BigDecimal}.
 */
final class DecimalComparisonExpression extends ComparisonExpression {
  private final int leftScale;
  private final int rightScale;
  /** Multipliers bringing each side to the larger scale; 0 when that does not fit a long. */
  private final long leftFactor;
  private final long rightFactor;

  DecimalComparisonExpression(VectorExpression left, VectorExpression right, int mask,
      NullHandling nullHandling) {
    super(left, right, mask, nullHandling);
    this.leftScale = left.type().scale();
    this.rightScale = right.type().scale();
    int common = Math.max(leftScale, rightScale);
    this.leftFactor = common - leftScale < 19 ? Decimals.powerOfTen(common - leftScale) : 0;
    this.rightFactor = common - rightScale < 19 ? Decimals.powerOfTen(common - rightScale) : 0;
  }

  /** -1, 0 or 1; Integer.MIN_VALUE when the aligned values do not fit a long. */
  private int compareUnscaled(long a, long b) {
    long alignedA = a;
    long alignedB = b;
    if (leftFactor != 1) {
      long high = Math.multiplyHigh(a, leftFactor);
      alignedA = a * leftFactor;
      if (leftFactor == 0 || high != (alignedA >> 63)) {
        return Integer.MIN_VALUE;
      }
    }
    if (rightFactor != 1) {
      long high = Math.multiplyHigh(b, rightFactor);
      alignedB = b * rightFactor;
      if (rightFactor == 0 || high != (alignedB >> 63)) {
        return Integer.MIN_VALUE;
      }
    }
    return Long.compare(alignedA, alignedB);
  }

  /** A column of at most 18 digits compared with a constant of as many at its scale. */
  @Override
  int rangeWidth() {
    return left.type().precision() < 19 && leftFactor == 1 && rightFactor == 1
        && right instanceof ConstantExpression constant && !constant.isNull()
        && isNarrow((BigDecimal) constant.value()) ? Decimals.WIDTH : 0;
  }

  @Override
  long storedConstant() {
    return ((BigDecimal) ((ConstantExpression) right).value()).unscaledValue().longValue();
  }

  @Override
  void compareVectors(FieldVector left, FieldVector right, long out, int rowCount) {
    ArrowBuf a = left.getDataBuffer();
    ArrowBuf b = right.getDataBuffer();
    boolean leftNarrow = Decimals.holdsOnlyLongs(left);
    boolean rightNarrow = Decimals.holdsOnlyLongs(right);
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      long x = Decimals.readLow(a, i);
      long y = Decimals.readLow(b, i);
      int cmp = Integer.MIN_VALUE;
      if ((leftNarrow || Decimals.fitsInLong(a, i, x))
          && (rightNarrow || Decimals.fitsInLong(b, i, y))) {
        cmp = compareUnscaled(x, y);
      }
      if (cmp == Integer.MIN_VALUE) {
        cmp = Integer.signum(Decimals.read(a, i, leftScale).compareTo(
            Decimals.read(b, i, rightScale)));
      }
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }

  @Override
  void compareToConstant(FieldVector left, ConstantExpression right, long out,
      int rowCount) {
    ArrowBuf a = left.getDataBuffer();
    BigDecimal constant = (BigDecimal) right.value();
    boolean constantFits = constant.unscaledValue().bitLength() < 64;
    long unscaled = constantFits ? constant.unscaledValue().longValue() : 0;
    boolean leftNarrow = Decimals.holdsOnlyLongs(left);
    if (leftNarrow && isNarrow(constant) && leftFactor == 1 && rightFactor == 1) {
      compareNarrowToConstant(CheckedRange.address(a, (long) rowCount * Decimals.WIDTH),
          unscaled, out, rowCount);
      return;
    }
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      long x = Decimals.readLow(a, i);
      int cmp = Integer.MIN_VALUE;
      if (constantFits && (leftNarrow || Decimals.fitsInLong(a, i, x))) {
        cmp = compareUnscaled(x, unscaled);
      }
      if (cmp == Integer.MIN_VALUE) {
        cmp = Integer.signum(Decimals.read(a, i, leftScale).compareTo(constant));
      }
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }

  /** The usual case only: values of at most 18 digits at the constant's scale. */
  @Override
  boolean compareSelectedToConstant(FieldVector left, ConstantExpression right, int[] rows,
      int count, long out) {
    BigDecimal constant = (BigDecimal) right.value();
    if (!Decimals.holdsOnlyLongs(left) || !isNarrow(constant) || leftFactor != 1
        || rightFactor != 1) {
      return false;
    }
    long unscaled = constant.unscaledValue().longValue();
    int valueCount = left.getValueCount();
    long address = CheckedRange.address(left.getDataBuffer(), (long) valueCount * Decimals.WIDTH);
    int full = count & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        long value = MemoryUtil.getLong(address
            + (long) Objects.checkIndex(rows[base + k], valueCount) * Decimals.WIDTH);
        word |= resultBit(value - unscaled, unscaled - value) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int j = full; j < count; j++) {
      long value = MemoryUtil.getLong(address
          + (long) Objects.checkIndex(rows[j], valueCount) * Decimals.WIDTH);
      bits = addBit(bits, (int) resultBit(value - unscaled, unscaled - value), j, out);
    }
    flushResults(bits, count, out);
    return true;
  }

  /** The usual case only: values of at most 18 digits at the same scale. */
  @Override
  boolean compareSelectedVectors(FieldVector left, FieldVector right, int[] rows, int count,
      long out) {
    if (!Decimals.holdsOnlyLongs(left) || !Decimals.holdsOnlyLongs(right) || leftFactor != 1
        || rightFactor != 1) {
      return false;
    }
    int valueCount = Math.min(left.getValueCount(), right.getValueCount());
    long a = CheckedRange.address(left.getDataBuffer(), (long) valueCount * Decimals.WIDTH);
    long b = CheckedRange.address(right.getDataBuffer(), (long) valueCount * Decimals.WIDTH);
    int full = count & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        long offset = (long) Objects.checkIndex(rows[base + k], valueCount) * Decimals.WIDTH;
        long x = MemoryUtil.getLong(a + offset);
        long y = MemoryUtil.getLong(b + offset);
        word |= resultBit(x - y, y - x) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int j = full; j < count; j++) {
      long offset = (long) Objects.checkIndex(rows[j], valueCount) * Decimals.WIDTH;
      long x = MemoryUtil.getLong(a + offset);
      long y = MemoryUtil.getLong(b + offset);
      bits = addBit(bits, (int) resultBit(x - y, y - x), j, out);
    }
    flushResults(bits, count, out);
    return true;
  }

  /**
   * The usual case on its own: values of at most 18 digits at the constant's scale, compared as
   * longs read straight from memory (the range checked once), 64 results to a store.
   */
  private void compareNarrowToConstant(long address, long constant, long out, int rowCount) {
    int full = rowCount & ~63;
    for (int base = 0; base < full; base += 64) {
      long word = 0;
      for (int k = 0; k < 64; k++) {
        long value = MemoryUtil.getLong(address + (long) (base + k) * Decimals.WIDTH);
        word |= resultBit(value - constant, constant - value) << k;
      }
      MemoryUtil.putLong(out + (base >>> 3), word);
    }
    int bits = 0;
    for (int i = full; i < rowCount; i++) {
      long value = MemoryUtil.getLong(address + (long) i * Decimals.WIDTH);
      bits = addBit(bits, (int) resultBit(value - constant, constant - value), i, out);
    }
    flushResults(bits, rowCount, out);
  }

  /**
   * Whether a constant is below 2^59 in magnitude: then it and any value of a narrow vector (at
   * most 18 digits, below 2^60) subtract without overflow, as {@link #resultBit} needs. A
   * BigInteger keeps its bit length, so the test costs nothing per batch.
   */
  private static boolean isNarrow(BigDecimal constant) {
    return constant.unscaledValue().bitLength() < 60;
  }
}
