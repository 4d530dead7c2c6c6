package dev.salvo.exec.expr.cast;

import dev.salvo.exec.batch.Batch;
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
 * CAST between numeric kinds (and from BOOLEAN) on primitive values: integers by width, floating
 * point, and DECIMAL as unscaled longs with a {@link BigDecimal} fallback for wide values.
 */
final class NumericCastExpression implements VectorExpression {
  private static final double[] DOUBLE_POWERS_OF_TEN = new double[23];
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  static {
    for (int i = 0; i < DOUBLE_POWERS_OF_TEN.length; i++) {
      DOUBLE_POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
    }
  }

  private enum Category { LONG, DOUBLE, DECIMAL }

  private final VectorExpression source;
  private final DataType from;
  private final DataType to;
  private final Category sourceCategory;
  private final Category targetCategory;

  NumericCastExpression(VectorExpression source, DataType to) {
    this.source = source;
    this.from = source.type();
    this.to = to;
    this.sourceCategory = categoryOf(from.kind());
    this.targetCategory = categoryOf(to.kind());
  }

  static boolean handles(DataType from, DataType to) {
    return (from.kind().isNumeric() || from.kind() == TypeKind.BOOLEAN) && to.kind().isNumeric();
  }

  private static Category categoryOf(TypeKind kind) {
    if (kind == TypeKind.DECIMAL) {
      return Category.DECIMAL;
    }
    return kind == TypeKind.REAL || kind == TypeKind.DOUBLE ? Category.DOUBLE : Category.LONG;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand operand = Operand.materialized(source, input, allocator)) {
      FieldVector output = Vectors.allocate(to, rowCount, allocator);
      try {
        FieldVector vector = operand.vector();
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, vector);
        ArrowBuf in = vector.getDataBuffer();
        ArrowBuf out = output.getDataBuffer();
        switch (sourceCategory) {
          case LONG -> {
            switch (targetCategory) {
              case LONG -> longToLong(in, out, validity, rowCount);
              case DOUBLE -> longToDouble(in, out, rowCount);
              case DECIMAL -> longToDecimal(in, out, validity, rowCount);
            }
          }
          case DOUBLE -> {
            switch (targetCategory) {
              case LONG -> doubleToLong(in, out, validity, rowCount);
              case DOUBLE -> doubleToDouble(in, out, rowCount);
              case DECIMAL -> doubleToDecimal(in, out, validity, rowCount);
            }
          }
          case DECIMAL -> {
            switch (targetCategory) {
              case LONG -> decimalToLong(in, out, validity, rowCount);
              case DOUBLE -> decimalToDouble(in, out, validity, rowCount);
              case DECIMAL -> decimalToDecimal(in, out, validity, rowCount);
            }
          }
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private void longToLong(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int inWidth = Vectors.longWidth(from.kind());
    int outWidth = Vectors.longWidth(to.kind());
    long min = Vectors.minValue(to.kind());
    long max = Vectors.maxValue(to.kind());
    for (int i = 0; i < rowCount; i++) {
      if (Vectors.isSet(validity, i)) {
        long value = Vectors.readLong(in, inWidth, i);
        if (value < min || value > max) {
          throw ValueConversions.outOfRange(value, from, to);
        }
        Vectors.writeLong(out, outWidth, i, value);
      }
    }
  }

  private void longToDouble(ArrowBuf in, ArrowBuf out, int rowCount) {
    int inWidth = Vectors.longWidth(from.kind());
    int outWidth = Vectors.doubleWidth(to.kind());
    for (int i = 0; i < rowCount; i++) {
      Vectors.writeDouble(out, outWidth, i, Vectors.readLong(in, inWidth, i));
    }
  }

  private void longToDecimal(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int inWidth = Vectors.longWidth(from.kind());
    int scale = to.scale();
    int precision = to.precision();
    long factor = scale < 19 ? Decimals.powerOfTen(scale) : 0;
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long value = Vectors.readLong(in, inWidth, i);
      long high = Math.multiplyHigh(value, factor);
      long unscaled = value * factor;
      if (factor != 0 && high == (unscaled >> 63)) {
        if (!Decimals.fits(unscaled, precision)) {
          throw ValueConversions.outOfRange(value, from, to);
        }
        Decimals.write(out, i, unscaled);
      } else {
        Decimals.write(out, i, (BigDecimal) ValueConversions.convert(value, from, to));
      }
    }
  }

  private void doubleToLong(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int inWidth = Vectors.doubleWidth(from.kind());
    int outWidth = Vectors.longWidth(to.kind());
    for (int i = 0; i < rowCount; i++) {
      if (Vectors.isSet(validity, i)) {
        double value = Vectors.readDouble(in, inWidth, i);
        long rounded = ValueConversions.doubleToLong(value, from, to);
        Vectors.writeLong(out, outWidth, i,
            ValueConversions.checkRange(rounded, value, from, to));
      }
    }
  }

  private void doubleToDouble(ArrowBuf in, ArrowBuf out, int rowCount) {
    int inWidth = Vectors.doubleWidth(from.kind());
    int outWidth = Vectors.doubleWidth(to.kind());
    for (int i = 0; i < rowCount; i++) {
      Vectors.writeDouble(out, outWidth, i, Vectors.readDouble(in, inWidth, i));
    }
  }

  private void doubleToDecimal(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int inWidth = Vectors.doubleWidth(from.kind());
    for (int i = 0; i < rowCount; i++) {
      if (Vectors.isSet(validity, i)) {
        double value = Vectors.readDouble(in, inWidth, i);
        Decimals.write(out, i, (BigDecimal) ValueConversions.convert(value, from, to));
      }
    }
  }

  private void decimalToLong(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int outWidth = Vectors.longWidth(to.kind());
    int scale = from.scale();
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long unscaled = Decimals.readLow(in, i);
      long value;
      try {
        if (!Decimals.fitsInLong(in, i, unscaled)) {
          throw new ArithmeticException("wider than a long");
        }
        value = Decimals.rescale(unscaled, scale, 0); // rounds half away from zero
      } catch (ArithmeticException wide) {
        value = (Long) ValueConversions.convert(Decimals.read(in, i, scale), from, to);
      }
      ValueConversions.checkRange(value, BigDecimal.valueOf(unscaled, scale), from, to);
      Vectors.writeLong(out, outWidth, i, value);
    }
  }

  private void decimalToDouble(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int outWidth = Vectors.doubleWidth(to.kind());
    int scale = from.scale();
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long unscaled = Decimals.readLow(in, i);
      double value;
      if (Decimals.fitsInLong(in, i, unscaled) && scale < DOUBLE_POWERS_OF_TEN.length
          && unscaled < EXACT_DOUBLE_LIMIT && unscaled > -EXACT_DOUBLE_LIMIT) {
        value = unscaled / DOUBLE_POWERS_OF_TEN[scale]; // both exact: one correctly rounded step
      } else {
        value = Decimals.read(in, i, scale).doubleValue();
      }
      Vectors.writeDouble(out, outWidth, i, value);
    }
  }

  private void decimalToDecimal(ArrowBuf in, ArrowBuf out, ArrowBuf validity, int rowCount) {
    int fromScale = from.scale();
    int toScale = to.scale();
    int precision = to.precision();
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long unscaled = Decimals.readLow(in, i);
      if (Decimals.fitsInLong(in, i, unscaled)) {
        long rescaled;
        try {
          rescaled = Decimals.rescale(unscaled, fromScale, toScale);
        } catch (ArithmeticException wide) {
          rescaled = 0;
          unscaled = Long.MIN_VALUE; // marks the row for the exact path below
        }
        if (unscaled != Long.MIN_VALUE) {
          if (!Decimals.fits(rescaled, precision)) {
            throw ValueConversions.outOfRange(BigDecimal.valueOf(unscaled, fromScale), from, to);
          }
          Decimals.write(out, i, rescaled);
          continue;
        }
      }
      BigDecimal value = Decimals.read(in, i, fromScale);
      BigDecimal scaled = value.setScale(toScale, RoundingMode.HALF_UP);
      if (!Decimals.fits(scaled, precision)) {
        throw ValueConversions.outOfRange(value, from, to);
      }
      Decimals.write(out, i, scaled);
    }
  }

  @Override
  public DataType type() {
    return to;
  }
}
