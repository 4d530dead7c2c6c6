package dev.salvo.exec.expr.arithmetic;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * ROUND (half away from zero, to {@code digits} decimal places, negative meaning tens, hundreds,
 * ...), FLOOR and CEIL, keeping the operand's type; the compiler converts to the call's type.
 */
final class RoundingExpression implements VectorExpression {
  private final ScalarFunction function;
  private final VectorExpression operand;
  private final int digits;
  private final DataType type;

  RoundingExpression(ScalarFunction function, VectorExpression operand, int digits) {
    this.function = function;
    this.operand = operand;
    this.digits = function == ScalarFunction.ROUND ? digits : 0;
    this.type = operand.type();
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand value = Operand.materialized(operand, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, value.vector());
        ArrowBuf in = value.vector().getDataBuffer();
        ArrowBuf out = output.getDataBuffer();
        TypeKind kind = type.kind();
        if (kind == TypeKind.DECIMAL) {
          decimals(in, out, validity, rowCount);
        } else if (kind == TypeKind.DOUBLE || kind == TypeKind.REAL) {
          doubles(in, out, rowCount);
        } else {
          longs(in, out, validity, rowCount);
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private void longs(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int width = Vectors.longWidth(type.kind());
    long min = Vectors.minValue(type.kind());
    long max = Vectors.maxValue(type.kind());
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long x = Vectors.readLong(in, width, i);
      long result = x;
      if (digits < 0) {
        BigDecimal rounded = BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0
            || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
          throw ArithmeticErrors.overflow(function, x, type);
        }
        result = rounded.longValueExact();
      }
      Vectors.writeLong(out, width, i, result);
    }
  }

  private void doubles(ArrowBuf in, ArrowBuf out, int rowCount) {
    int width = Vectors.doubleWidth(type.kind());
    for (int i = 0; i < rowCount; i++) {
      double x = Vectors.readDouble(in, width, i);
      double result = switch (function) {
        case FLOOR -> Math.floor(x);
        case CEIL -> Math.ceil(x);
        default -> round(x);
      };
      Vectors.writeDouble(out, width, i, result);
    }
  }

  private double round(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    if (digits == 0) {
      double magnitude = Math.abs(x);
      double floor = Math.floor(magnitude);
      return Math.copySign(magnitude - floor >= 0.5 ? floor + 1 : floor, x);
    }
    // the shortest decimal form, so that ROUND(2.675, 2) sees 2.675 rather than 2.67499...
    return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP).doubleValue();
  }

  private void decimals(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int scale = type.scale();
    int precision = type.precision();
    int dropped = scale - digits;
    if (dropped <= 0) {
      in.getBytes(0, out, 0, rowCount * Decimals.WIDTH);
      return;
    }
    long unit = dropped < 19 ? Decimals.powerOfTen(dropped) : 0;
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long x = Decimals.readLow(in, i);
      if (unit != 0 && Decimals.fitsInLong(in, i, x) && x != Long.MIN_VALUE) {
        try {
          long quotient = switch (function) {
            case FLOOR -> Math.floorDiv(x, unit);
            case CEIL -> -Math.floorDiv(-x, unit);
            default -> Decimals.divideRoundHalfUp(x, unit);
          };
          long result = Math.multiplyExact(quotient, unit);
          if (!Decimals.fits(result, precision)) {
            throw ArithmeticErrors.overflow(function, BigDecimal.valueOf(x, scale), type);
          }
          Decimals.write(out, i, result);
          continue;
        } catch (ArithmeticException wide) {
          // redo exactly below
        }
      }
      BigDecimal value = Decimals.read(in, i, scale);
      RoundingMode mode = switch (function) {
        case FLOOR -> RoundingMode.FLOOR;
        case CEIL -> RoundingMode.CEILING;
        default -> RoundingMode.HALF_UP;
      };
      BigDecimal result = value.setScale(digits, mode).setScale(scale, RoundingMode.UNNECESSARY);
      if (!Decimals.fits(result, precision)) {
        throw ArithmeticErrors.overflow(function, value, type);
      }
      Decimals.write(out, i, result);
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
