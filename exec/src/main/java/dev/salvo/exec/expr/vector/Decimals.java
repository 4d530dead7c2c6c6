package dev.salvo.exec.expr.vector;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.util.DecimalUtility;

/**
 * Exact DECIMAL helpers. Values of up to 18 digits travel as unscaled {@code long}s read straight
 * from the 128-bit Arrow buffers; the {@code long} methods throw {@link ArithmeticException} when
 * an intermediate result leaves the {@code long} range, which callers answer by redoing that row
 * with {@link BigDecimal}.
 */
public final class Decimals {
  /** Bytes per value in a DecimalVector. */
  public static final int WIDTH = 16;

  private static final long[] POWERS_OF_TEN = new long[19];
  private static final BigInteger[] BIG_POWERS_OF_TEN = new BigInteger[DataType.MAX_DECIMAL_PRECISION + 1];

  static {
    long power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
    for (int i = 0; i < BIG_POWERS_OF_TEN.length; i++) {
      BIG_POWERS_OF_TEN[i] = BigInteger.TEN.pow(i);
    }
  }

  private Decimals() {}

  /** 10^exponent as a long; ArithmeticException when it does not fit. */
  public static long powerOfTen(int exponent) {
    if (exponent < 0 || exponent >= POWERS_OF_TEN.length) {
      throw new ArithmeticException("10^" + exponent + " does not fit a long");
    }
    return POWERS_OF_TEN[exponent];
  }

  /**
   * Whether every value of the vector fits a long: Arrow checks a DecimalVector's own precision
   * on every write, and 18 digits always fit.
   */
  public static boolean holdsOnlyLongs(org.apache.arrow.vector.FieldVector vector) {
    return vector instanceof org.apache.arrow.vector.DecimalVector decimals
        && decimals.getPrecision() < POWERS_OF_TEN.length;
  }

  /** The low 64 bits of the value at {@code index}. */
  public static long readLow(ArrowBuf data, int index) {
    return data.getLong((long) index * WIDTH);
  }

  /** Whether the 128-bit value at {@code index} is the sign extension of its low 64 bits. */
  public static boolean fitsInLong(ArrowBuf data, int index, long low) {
    return data.getLong((long) index * WIDTH + 8) == (low >> 63);
  }

  public static BigDecimal read(ArrowBuf data, int index, int scale) {
    return DecimalUtility.getBigDecimalFromArrowBuf(data, index, scale, WIDTH);
  }

  public static void write(ArrowBuf data, int index, long unscaled) {
    long offset = (long) index * WIDTH;
    data.setLong(offset, unscaled);
    data.setLong(offset + 8, unscaled >> 63);
  }

  /** Writes a value whose scale and precision the caller has already checked. */
  public static void write(ArrowBuf data, int index, BigDecimal value) {
    BigInteger unscaled = value.unscaledValue();
    if (unscaled.bitLength() < 64) {
      write(data, index, unscaled.longValue());
    } else {
      DecimalUtility.writeBigDecimalToArrowBuf(value, data, index, WIDTH);
    }
  }

  /** Whether an unscaled value has at most {@code precision} digits. */
  public static boolean fits(long unscaled, int precision) {
    if (precision >= POWERS_OF_TEN.length) {
      return true; // every long has at most 19 digits
    }
    long limit = POWERS_OF_TEN[precision];
    return unscaled < limit && unscaled > -limit;
  }

  public static boolean fits(BigDecimal value, int precision) {
    return value.unscaledValue().abs().compareTo(BIG_POWERS_OF_TEN[precision]) < 0;
  }

  /** Moves an unscaled value from one scale to another, rounding half away from zero. */
  public static long rescale(long unscaled, int fromScale, int toScale) {
    if (toScale == fromScale) {
      return unscaled;
    }
    if (toScale > fromScale) {
      return Math.multiplyExact(unscaled, powerOfTen(toScale - fromScale));
    }
    return divideRoundHalfUp(unscaled, powerOfTen(fromScale - toScale));
  }

  /** {@code dividend / divisor} rounded half away from zero; divisor is not zero. */
  public static long divideRoundHalfUp(long dividend, long divisor) {
    if (dividend == Long.MIN_VALUE || divisor == Long.MIN_VALUE) {
      throw new ArithmeticException("long overflow");
    }
    long quotient = dividend / divisor;
    long remainder = Math.abs(dividend % divisor);
    if (remainder != 0 && remainder >= Math.abs(divisor) - remainder) {
      quotient += (dividend ^ divisor) < 0 ? -1 : 1;
    }
    return quotient;
  }

  /** Rounds to {@code type}'s scale and checks its precision. */
  public static BigDecimal fitTo(BigDecimal value, DataType type, String operation) {
    BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
    if (!fits(scaled, type.precision())) {
      throw overflow(operation + " = " + value.toPlainString(), type);
    }
    return scaled;
  }

  public static SalvoException overflow(String what, DataType type) {
    return new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
        "Numeric overflow: " + what + " does not fit " + type.sqlName());
  }

  /** Digits needed for every value of an integer kind, as a DECIMAL precision. */
  public static int integerDigits(dev.salvo.exec.type.TypeKind kind) {
    return switch (kind) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      default -> 19;
    };
  }
}
