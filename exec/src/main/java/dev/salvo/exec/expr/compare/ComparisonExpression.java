package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ColumnExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.InPlaceSelection;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * A comparison of two operands of the same storage class. Each subclass fills the result bits in
 * its own tight loop from a three-way comparison: bit {@code cmp + 1} of {@link #mask} says
 * whether "less", "equal" or "greater" satisfies the operator, so one loop serves all six
 * operators. This class then applies SQL null semantics (or the null-safe DISTINCT FROM rules).
 */
abstract class ComparisonExpression implements VectorExpression, InPlaceSelection {
  static final int LESS = 1;
  static final int EQUAL = 2;
  static final int GREATER = 4;

  /** How nulls decide the result. */
  enum NullHandling { STRICT, NOT_DISTINCT, DISTINCT }

  protected final VectorExpression left;
  protected final VectorExpression right;
  protected final int mask;
  /** 1 when "less", "equal" or "greater" satisfies the operator, else 0: {@link #resultBit}. */
  private final long lessBit;
  private final long equalBit;
  private final long greaterBit;
  private final NullHandling nullHandling;
  private final DataType type;

  ComparisonExpression(VectorExpression left, VectorExpression right, int mask,
      NullHandling nullHandling) {
    this.left = left;
    this.right = right;
    this.mask = mask;
    this.lessBit = mask & 1;
    this.equalBit = (mask >>> 1) & 1;
    this.greaterBit = (mask >>> 2) & 1;
    this.nullHandling = nullHandling;
    this.type = DataType.BOOLEAN.withNullable(nullHandling == NullHandling.STRICT
        && (left.type().nullable() || right.type().nullable()));
  }

  /**
   * For a comparison of a column with a constant that {@link RangeExpression} can read: the
   * bytes per value of the column (4 or 16); 0 otherwise. {@link #storedConstant} is then the
   * constant in the column's stored units.
   */
  int rangeWidth() {
    return 0;
  }

  long storedConstant() {
    throw new IllegalStateException("not a range bound: " + this);
  }

  /**
   * {@code lower AND upper} as one {@link RangeExpression} when they bound the same column by
   * constants from below and above; null otherwise.
   */
  static VectorExpression range(ComparisonExpression lower, ComparisonExpression upper) {
    int width = lower.rangeWidth();
    if (width == 0 || upper.rangeWidth() != width || lower.nullHandling != NullHandling.STRICT
        || upper.nullHandling != NullHandling.STRICT
        || !(lower.left instanceof ColumnExpression column) || !column.equals(upper.left)
        || (lower.mask & LESS) != 0 || (lower.mask & GREATER) == 0
        || (upper.mask & GREATER) != 0 || (upper.mask & LESS) == 0) {
      return null;
    }
    long low = lower.storedConstant() + ((lower.mask & EQUAL) == 0 ? 1 : 0);
    long high = upper.storedConstant() - ((upper.mask & EQUAL) == 0 ? 1 : 0);
    return RangeExpression.holds(low) && RangeExpression.holds(high)
        ? new RangeExpression(column, width, low, high) : null;
  }

  /** The mask of an operator with its operands swapped. */
  static int swapped(int mask) {
    return (mask & EQUAL) | ((mask & LESS) << 2) | ((mask & GREATER) >> 2);
  }

  /**
   * Fills the first {@code rowCount} bits at address {@code out}, whose range the caller
   * checked; null rows may hold anything.
   */
  abstract void compareVectors(FieldVector left, FieldVector right, long out, int rowCount);

  abstract void compareToConstant(FieldVector left, ConstantExpression right, long out,
      int rowCount);

  /**
   * Fills {@code count} bits at address {@code out} (range checked by the caller) from the
   * values of rows {@code rows[0..count)} of {@code left}, each checked to lie within it; false
   * (nothing written) where this comparison has no such loop for these values.
   */
  boolean compareSelectedToConstant(FieldVector left, ConstantExpression right, int[] rows,
      int count, long out) {
    return false;
  }

  /**
   * Adds row {@code j}'s result, from its three-way comparison {@code cmp}, to the byte of
   * results being filled ({@code bits}), writing the byte to {@code out} once it is full; returns
   * the byte so far. Loops call this and {@link #flushResults} once after the last row.
   */
  final int addResult(int bits, int cmp, int j, long out) {
    return addBit(bits, (mask >>> (cmp + 1)) & 1, j, out);
  }

  /** Like {@link #addResult}, for the result bit itself. */
  static int addBit(int bits, int bit, int j, long out) {
    int filled = bits | bit << (j & 7);
    if ((j & 7) == 7) {
      MemoryUtil.putByte(out + (j >>> 3), (byte) filled);
      return 0;
    }
    return filled;
  }

  /**
   * The result of a comparison, without a branch, from both differences of its operands
   * ({@code left - right} and {@code right - left}), which the caller knows not to overflow (as
   * for values of at most 18 digits, or of 32 bits, subtracted as longs): the sign of each says
   * "less" or "greater", and neither says "equal". Loops over many rows use this where
   * {@link #addResult} costs a data-dependent shift and a branch per row.
   */
  final long resultBit(long leftMinusRight, long rightMinusLeft) {
    long less = leftMinusRight >>> 63;
    long greater = rightMinusLeft >>> 63;
    return less & lessBit | greater & greaterBit | ~(less | greater) & equalBit;
  }

  /** Writes the last, partly filled byte of results for {@code count} rows. */
  static void flushResults(int bits, int count, long out) {
    if ((count & 7) != 0) {
      MemoryUtil.putByte(out + (count >>> 3), (byte) bits);
    }
  }


  /** Like {@link #compareSelectedToConstant}, for two vectors' values of the same rows. */
  boolean compareSelectedVectors(FieldVector left, FieldVector right, int[] rows, int count,
      long out) {
    return false;
  }

  /** A column compared with a non-null constant or another column, read where they lie. */
  @Override
  public FieldVector evaluateSelected(Batch input, int[] rows, int count,
      BufferAllocator allocator) {
    if (nullHandling != NullHandling.STRICT || !(left instanceof ColumnExpression leftColumn)) {
      return null;
    }
    FieldVector leftValues = input.column(leftColumn.index());
    FieldVector rightValues = null;
    ConstantExpression constant = null;
    if (right instanceof ColumnExpression rightColumn) {
      rightValues = input.column(rightColumn.index());
    } else if (right instanceof ConstantExpression rightConstant && !rightConstant.isNull()) {
      constant = rightConstant;
    } else {
      return null;
    }
    FieldVector output = Vectors.allocate(DataType.BOOLEAN, count, allocator);
    try {
      long out = CheckedRange.address(output.getDataBuffer(), Vectors.bitBytes(count));
      boolean compared = constant != null
          ? compareSelectedToConstant(leftValues, constant, rows, count, out)
          : compareSelectedVectors(leftValues, rightValues, rows, count, out);
      if (!compared) {
        output.close();
        return null;
      }
      Vectors.selectedValidity(output.getValidityBuffer(), rows, count, leftValues,
          rightValues);
      output.setValueCount(count);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    }
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand l = Operand.materialized(left, input, allocator);
        Operand r = Operand.of(right, input, allocator)) {
      FieldVector output = Vectors.allocate(DataType.BOOLEAN, rowCount, allocator);
      try {
        long values = CheckedRange.address(output.getDataBuffer(), Vectors.bitBytes(rowCount));
        if (r.isConstant()) {
          compareToConstant(l.vector(), r.constant(), values, rowCount);
        } else {
          compareVectors(l.vector(), r.vector(), values, rowCount);
        }
        applyNulls(l.vector(), r.vector(), output, rowCount);
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private void applyNulls(FieldVector l, FieldVector r, FieldVector output, int rowCount) {
    ArrowBuf values = output.getDataBuffer();
    ArrowBuf validity = output.getValidityBuffer();
    if (nullHandling == NullHandling.STRICT) {
      Vectors.intersectValidity(validity, rowCount, l, r);
      return;
    }
    ArrowBuf leftValidity = l.getValidityBuffer();
    ArrowBuf rightValidity = r == null ? null : r.getValidityBuffer();
    for (int i = 0; i < Vectors.bitBytes(rowCount); i++) {
      int leftValid = leftValidity.getByte(i) & 0xFF;
      int rightValid = rightValidity == null ? 0xFF : rightValidity.getByte(i) & 0xFF;
      int decidedByNulls = nullHandling == NullHandling.NOT_DISTINCT
          ? ~leftValid & ~rightValid // both NULL: not distinct
          : leftValid ^ rightValid; // exactly one NULL: distinct
      int value = (values.getByte(i) & leftValid & rightValid) | decidedByNulls;
      int rowMask = Vectors.byteMask(i, rowCount);
      values.setByte(i, value & rowMask);
      validity.setByte(i, rowMask);
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
