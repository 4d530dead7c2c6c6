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
  private final NullHandling nullHandling;
  private final DataType type;

  ComparisonExpression(VectorExpression left, VectorExpression right, int mask,
      NullHandling nullHandling) {
    this.left = left;
    this.right = right;
    this.mask = mask;
    this.nullHandling = nullHandling;
    this.type = DataType.BOOLEAN.withNullable(nullHandling == NullHandling.STRICT
        && (left.type().nullable() || right.type().nullable()));
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
    int filled = bits | ((mask >>> (cmp + 1)) & 1) << (j & 7);
    if ((j & 7) == 7) {
      MemoryUtil.putByte(out + (j >>> 3), (byte) filled);
      return 0;
    }
    return filled;
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
      ArrowBuf validity = output.getValidityBuffer();
      if (leftValues.getNullCount() == 0
          && (rightValues == null || rightValues.getNullCount() == 0)) {
        Vectors.setAll(validity, count);
      } else {
        for (int j = 0; j < count; j++) {
          if (!leftValues.isNull(rows[j])
              && (rightValues == null || !rightValues.isNull(rows[j]))) {
            Vectors.setBit(validity, j);
          }
        }
      }
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
