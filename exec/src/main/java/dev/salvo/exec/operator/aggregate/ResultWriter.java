package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/** Writes an aggregate's numeric result into a vector of the call's result type, checking range. */
final class ResultWriter {
  private ResultWriter() {}

  static void writeLong(FieldVector target, DataType type, int index, long value) {
    switch (type.kind()) {
      case TINYINT -> checkRange(type, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT -> checkRange(type, value, Short.MIN_VALUE, Short.MAX_VALUE);
      case INTEGER, INTERVAL_YEAR_MONTH -> checkRange(type, value, Integer.MIN_VALUE,
          Integer.MAX_VALUE);
      case BIGINT, INTERVAL_DAY_TIME -> { }
      case DECIMAL -> {
        writeDecimal(target, type, index, BigDecimal.valueOf(value));
        return;
      }
      case REAL, DOUBLE -> {
        ColumnReaders.writeDouble(target, index, value);
        return;
      }
      default -> throw unsupported(type);
    }
    ColumnReaders.writeLong(target, index, value);
  }

  static void writeDouble(FieldVector target, DataType type, int index, double value) {
    switch (type.kind()) {
      case REAL, DOUBLE -> ColumnReaders.writeDouble(target, index, value);
      case DECIMAL -> {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
          throw new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
              "Value " + value + " does not fit " + type.sqlName());
        }
        writeDecimal(target, type, index, BigDecimal.valueOf(value));
      }
      default -> {
        if (!type.kind().isInteger()) {
          throw unsupported(type);
        }
        if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
          throw new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
              "Value " + value + " does not fit " + type.sqlName());
        }
        writeLong(target, type, index, (long) value);
      }
    }
  }

  /** Writes an exact value, rounding HALF_UP to a DECIMAL's scale, truncating for integers. */
  /**
   * Writes a value given as an unscaled long at {@code scale}, as most sums are, without making
   * a BigDecimal of it when the target is a DECIMAL of that scale.
   */
  static void writeUnscaledDecimal(FieldVector target, DataType type, int index, long unscaled,
      int scale) {
    if (type.kind() == TypeKind.DECIMAL && type.scale() == scale
        && Decimals.fits(unscaled, type.precision())) {
      ((DecimalVector) target).setSafe(index, unscaled);
    } else {
      writeDecimal(target, type, index, BigDecimal.valueOf(unscaled, scale));
    }
  }

  static void writeDecimal(FieldVector target, DataType type, int index, BigDecimal value) {
    switch (type.kind()) {
      case DECIMAL -> {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (!Decimals.fits(scaled, type.precision())) {
          throw new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
              "Value " + value.toPlainString() + " does not fit " + type.sqlName());
        }
        ((DecimalVector) target).setSafe(index, scaled);
      }
      case REAL, DOUBLE -> ColumnReaders.writeDouble(target, index, value.doubleValue());
      default -> {
        if (!type.kind().isInteger()) {
          throw unsupported(type);
        }
        BigInteger integer = value.setScale(0, RoundingMode.DOWN).unscaledValue();
        if (integer.bitLength() > 63) {
          throw new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
              "Value " + value.toPlainString() + " does not fit " + type.sqlName());
        }
        writeLong(target, type, index, integer.longValue());
      }
    }
  }

  private static void checkRange(DataType type, long value, long min, long max) {
    if (value < min || value > max) {
      throw new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
          "Value " + value + " does not fit " + type.sqlName());
    }
  }

  private static SalvoException unsupported(DataType type) {
    return new SalvoException(ErrorCode.NOT_SUPPORTED,
        "Aggregate result type " + type.sqlName() + " is not supported");
  }
}
