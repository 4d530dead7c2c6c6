package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.BinaryKernelExpression;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Exact +, -, *, / and % on DECIMAL operands of any scales, producing the call's precision and
 * scale (rounded half away from zero). Each row is computed on unscaled {@code long}s read
 * straight from the Arrow buffers; only a row whose operands or intermediate results leave the
 * {@code long} range is redone with {@link BigDecimal}.
 */
final class DecimalArithmeticExpression extends BinaryKernelExpression {
  /** Marks an alignment factor that does not fit a long: such rows take the exact path. */
  private static final long UNUSABLE = 0;

  private final ScalarFunction function;
  private final int leftScale;
  private final int rightScale;
  private final int scale;
  private final int precision;
  /** The scale of the exact intermediate result before rounding to {@link #scale}. */
  private final int intermediateScale;
  private final long leftFactor;
  private final long rightFactor;

  DecimalArithmeticExpression(ScalarFunction function, VectorExpression left,
      VectorExpression right, DataType type) {
    super(left, right, type);
    this.function = function;
    this.leftScale = left.type().scale();
    this.rightScale = right.type().scale();
    this.scale = type.scale();
    this.precision = type.precision();
    switch (function) {
      case MULTIPLY -> {
        intermediateScale = leftScale + rightScale;
        leftFactor = 1;
        rightFactor = 1;
      }
      case DIVIDE -> {
        // a / b at scale s is round(a * 10^(s - sa + sb) / b): scale up the dividend or divisor
        int exponent = scale - leftScale + rightScale;
        intermediateScale = scale;
        leftFactor = exponent >= 0 ? factor(exponent) : 1;
        rightFactor = exponent < 0 ? factor(-exponent) : 1;
      }
      default -> {
        intermediateScale = Math.max(leftScale, rightScale);
        leftFactor = factor(intermediateScale - leftScale);
        rightFactor = factor(intermediateScale - rightScale);
      }
    }
  }

  private static long factor(int exponent) {
    return exponent < 19 ? Decimals.powerOfTen(exponent) : UNUSABLE;
  }

  @Override
  protected void compute(Operand l, Operand r, ArrowBuf validity, ArrowBuf out,
      int rowCount) {
    if (computeNarrow(l, r, validity, out, rowCount)) {
      return;
    }
    for (int i = 0; i < rowCount; i++) {
      if (Vectors.isSet(validity, i)) {
        computeRow(l, r, out, i);
      }
    }
  }

  /**
   * The common case in one tight loop per operation: +, - or * needing no rescaling, of columns
   * and constants that fit a long. A column declared wider than 18 digits usually holds values
   * that fit too, so its high words are checked row by row. A row whose operands or result leave
   * the long range is handed to {@link #computeRow}; rows under NULL are computed too (whatever
   * their bytes hold) and stay NULL. False when the case does not apply.
   */
  private boolean computeNarrow(Operand l, Operand r, ArrowBuf validity, ArrowBuf out,
      int rowCount) {
    boolean additive = function == ScalarFunction.ADD || function == ScalarFunction.SUBTRACT;
    if (!additive && function != ScalarFunction.MULTIPLY) {
      return false;
    }
    if (!fitsLong(l) || !fitsLong(r) || intermediateScale != scale
        || (additive && !(aligned(l, leftFactor) && aligned(r, rightFactor)))) {
      return false;
    }
    ArrowBuf leftData = l.isConstant() ? null : l.vector().getDataBuffer();
    ArrowBuf rightData = r.isConstant() ? null : r.vector().getDataBuffer();
    long leftConstant = leftData == null ? unscaled(l, additive ? leftFactor : 1) : 0;
    long rightConstant = rightData == null ? unscaled(r, additive ? rightFactor : 1) : 0;
    boolean leftWide = leftData != null && !Decimals.holdsOnlyLongs(l.vector());
    boolean rightWide = rightData != null && !Decimals.holdsOnlyLongs(r.vector());
    long limit = precision < 19 ? Decimals.powerOfTen(precision) : Long.MAX_VALUE;
    long bytes = (long) rowCount * Decimals.WIDTH;
    long leftAddress = leftData == null ? 0 : CheckedRange.address(leftData, bytes);
    long rightAddress = rightData == null ? 0 : CheckedRange.address(rightData, bytes);
    long outAddress = CheckedRange.address(out, bytes);
    for (int i = 0; i < rowCount; i++) {
      long offset = (long) i * Decimals.WIDTH;
      long a = leftData == null ? leftConstant : MemoryUtil.getLong(leftAddress + offset);
      long b = rightData == null ? rightConstant : MemoryUtil.getLong(rightAddress + offset);
      if ((leftWide && MemoryUtil.getLong(leftAddress + offset + 8) != (a >> 63))
          || (rightWide && MemoryUtil.getLong(rightAddress + offset + 8) != (b >> 63))) {
        if (Vectors.isSet(validity, i)) {
          computeRow(l, r, out, i);
        }
        continue;
      }
      long result;
      boolean exact;
      switch (function) {
        case ADD -> {
          result = a + b;
          exact = ((a ^ result) & (b ^ result)) >= 0;
        }
        case SUBTRACT -> {
          result = a - b;
          exact = ((a ^ b) & (a ^ result)) >= 0;
        }
        case MULTIPLY -> {
          result = a * b;
          exact = Math.multiplyHigh(a, b) == (result >> 63);
        }
        default -> throw new IllegalStateException(function.name());
      }
      if (exact && result < limit && result > -limit) {
        MemoryUtil.putLong(outAddress + offset, result);
        MemoryUtil.putLong(outAddress + offset + 8, result >> 63);
      } else if (Vectors.isSet(validity, i)) {
        computeRow(l, r, out, i);
      }
    }
    return true;
  }

  /** A DECIMAL column, or a constant whose unscaled value fits a long. */
  private static boolean fitsLong(Operand operand) {
    return operand.isConstant()
        ? operand.constant().value() != null && fitsInLong((BigDecimal) operand.constant().value())
        : operand.vector() instanceof org.apache.arrow.vector.DecimalVector;
  }

  /**
   * Whether an operand needs no scaling in the loop: a vector already at the common scale, or a
   * constant that still fits a long once scaled up to it.
   */
  private static boolean aligned(Operand operand, long factor) {
    if (!operand.isConstant()) {
      return factor == 1;
    }
    long value = ((BigDecimal) operand.constant().value()).unscaledValue().longValue();
    return factor != UNUSABLE && Math.multiplyHigh(value, factor) == ((value * factor) >> 63);
  }

  /** A constant's unscaled value times {@code factor}; it fits, as checked before. */
  private static long unscaled(Operand constant, long factor) {
    return ((BigDecimal) constant.constant().value()).unscaledValue().longValue() * factor;
  }

  /** One non-NULL row: on longs when its values allow, else exactly with BigDecimal. */
  private void computeRow(Operand l, Operand r, ArrowBuf out, int i) {
    ArrowBuf leftData = l.isConstant() ? null : l.vector().getDataBuffer();
    ArrowBuf rightData = r.isConstant() ? null : r.vector().getDataBuffer();
    BigDecimal leftConstant = l.isConstant() ? (BigDecimal) l.constant().value() : null;
    BigDecimal rightConstant = r.isConstant() ? (BigDecimal) r.constant().value() : null;
    long a;
    boolean fast;
    if (leftData != null) {
      a = Decimals.readLow(leftData, i);
      fast = Decimals.fitsInLong(leftData, i, a);
    } else {
      fast = fitsInLong(leftConstant);
      a = fast ? leftConstant.unscaledValue().longValue() : 0;
    }
    long b;
    if (rightData != null) {
      b = Decimals.readLow(rightData, i);
      fast &= Decimals.fitsInLong(rightData, i, b);
    } else {
      boolean fits = fitsInLong(rightConstant);
      fast &= fits;
      b = fits ? rightConstant.unscaledValue().longValue() : 0;
    }
    if (fast) {
      try {
        long result = applyUnscaled(a, b);
        if (!Decimals.fits(result, precision)) {
          throw ArithmeticErrors.overflow(function, BigDecimal.valueOf(a, leftScale),
              BigDecimal.valueOf(b, rightScale), type);
        }
        Decimals.write(out, i, result);
        return;
      } catch (ArithmeticException wide) {
        // an intermediate left the long range: redo this row exactly below
      }
    }
    BigDecimal x = leftData == null ? leftConstant : Decimals.read(leftData, i, leftScale);
    BigDecimal y = rightData == null ? rightConstant : Decimals.read(rightData, i, rightScale);
    Decimals.write(out, i, applyExact(x, y));
  }

  private static boolean fitsInLong(BigDecimal value) {
    return value.unscaledValue().bitLength() < 64;
  }

  /** The result's unscaled value; ArithmeticException when a long is too small for it. */
  private long applyUnscaled(long a, long b) {
    return switch (function) {
      case ADD -> Decimals.rescale(Math.addExact(align(a, leftFactor), align(b, rightFactor)),
          intermediateScale, scale);
      case SUBTRACT -> Decimals.rescale(
          Math.subtractExact(align(a, leftFactor), align(b, rightFactor)),
          intermediateScale, scale);
      case MULTIPLY -> Decimals.rescale(Math.multiplyExact(a, b), intermediateScale, scale);
      case DIVIDE -> {
        if (b == 0) {
          throw ArithmeticErrors.divisionByZero(function, BigDecimal.valueOf(a, leftScale),
              BigDecimal.valueOf(b, rightScale));
        }
        yield Decimals.divideRoundHalfUp(align(a, leftFactor), align(b, rightFactor));
      }
      case MODULO -> {
        if (b == 0) {
          throw ArithmeticErrors.divisionByZero(function, BigDecimal.valueOf(a, leftScale),
              BigDecimal.valueOf(b, rightScale));
        }
        long divisor = align(b, rightFactor);
        long remainder = divisor == -1 ? 0 : align(a, leftFactor) % divisor;
        yield Decimals.rescale(remainder, intermediateScale, scale);
      }
      default -> throw new IllegalStateException(function.name());
    };
  }

  private static long align(long value, long factor) {
    if (factor == 1) {
      return value;
    }
    if (factor == UNUSABLE) {
      throw new ArithmeticException("scale difference too large for a long");
    }
    return Math.multiplyExact(value, factor);
  }

  private BigDecimal applyExact(BigDecimal x, BigDecimal y) {
    BigDecimal result = switch (function) {
      case ADD -> x.add(y);
      case SUBTRACT -> x.subtract(y);
      case MULTIPLY -> x.multiply(y);
      case DIVIDE -> {
        if (y.signum() == 0) {
          throw ArithmeticErrors.divisionByZero(function, x, y);
        }
        yield x.divide(y, scale, RoundingMode.HALF_UP);
      }
      case MODULO -> {
        if (y.signum() == 0) {
          throw ArithmeticErrors.divisionByZero(function, x, y);
        }
        yield x.remainder(y);
      }
      default -> throw new IllegalStateException(function.name());
    };
    BigDecimal scaled = result.setScale(scale, RoundingMode.HALF_UP);
    if (!Decimals.fits(scaled, precision)) {
      throw ArithmeticErrors.overflow(function, x, y, type);
    }
    return scaled;
  }

}
