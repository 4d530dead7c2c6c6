package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.math.BigInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * Decodes a whole column into a primitive array in one tight loop per batch, reading the data
 * buffer directly (Arrow's checked getters throw on null slots and cost a call per value).
 * Values at null positions are unspecified; callers consult the validity separately.
 */
final class ColumnReaders {
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

  private ColumnReaders() {}

  static long[] ensure(long[] scratch, int size) {
    return scratch != null && scratch.length >= size ? scratch : new long[Math.max(size, 64)];
  }

  static double[] ensure(double[] scratch, int size) {
    return scratch != null && scratch.length >= size ? scratch : new double[Math.max(size, 64)];
  }

  /** Reads an integer-like column (integers, BOOLEAN, DATE, TIME, TIMESTAMP, intervals). */
  static long[] readLongs(FieldVector vector, int rowCount, long[] scratch) {
    long[] out = ensure(scratch, rowCount);
    ArrowBuf data = vector.getDataBuffer();
    if (vector instanceof BitVector) {
      for (int row = 0; row < rowCount; row++) {
        out[row] = (data.getByte(row >> 3) >> (row & 7)) & 1;
      }
      return out;
    }
    if (vector instanceof Float8Vector || vector instanceof Float4Vector
        || !(vector instanceof BaseFixedWidthVector fixed)) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Not an integer-like column: " + vector.getField());
    }
    // The range is checked once: ArrowBuf's own reads check it (and the buffer's reference
    // count) on every call, which cost more than the copy (a tenth of a join's probe).
    int width = fixed.getTypeWidth();
    long address = CheckedRange.address(data, (long) rowCount * width);
    switch (width) {
      case 1 -> {
        for (int row = 0; row < rowCount; row++) {
          out[row] = MemoryUtil.getByte(address + row);
        }
      }
      case 2 -> {
        for (int row = 0; row < rowCount; row++) {
          out[row] = MemoryUtil.getShort(address + (long) row * 2);
        }
      }
      case 4 -> {
        for (int row = 0; row < rowCount; row++) {
          out[row] = MemoryUtil.getInt(address + (long) row * 4);
        }
      }
      case 8 -> {
        for (int row = 0; row < rowCount; row++) {
          out[row] = MemoryUtil.getLong(address + (long) row * 8);
        }
      }
      default -> throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Unexpected value width of " + vector.getField());
    }
    return out;
  }

  /** Reads a REAL or DOUBLE column. */
  static double[] readDoubles(FieldVector vector, int rowCount, double[] scratch) {
    double[] out = ensure(scratch, rowCount);
    ArrowBuf data = vector.getDataBuffer();
    if (vector instanceof Float8Vector) {
      for (int row = 0; row < rowCount; row++) {
        out[row] = data.getDouble((long) row * 8);
      }
    } else if (vector instanceof Float4Vector) {
      for (int row = 0; row < rowCount; row++) {
        out[row] = data.getFloat((long) row * 4);
      }
    } else {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Not a floating-point column: " + vector.getField());
    }
    return out;
  }

  /** The 128-bit unscaled value {@code high:low} as a BigInteger. */
  static BigInteger toBigInteger(long low, long high) {
    BigInteger value = BigInteger.valueOf(high).shiftLeft(64).add(BigInteger.valueOf(low));
    return low < 0 ? value.add(TWO_POW_64) : value;
  }

  /** Writes an integer-like value into a vector of any integer-like class. */
  static void writeLong(FieldVector vector, int index, long value) {
    if (vector instanceof BigIntVector v) {
      v.setSafe(index, value);
    } else if (vector instanceof IntVector v) {
      v.setSafe(index, (int) value);
    } else if (vector instanceof SmallIntVector v) {
      v.setSafe(index, (short) value);
    } else if (vector instanceof TinyIntVector v) {
      v.setSafe(index, (byte) value);
    } else if (vector instanceof BitVector v) {
      v.setSafe(index, (int) value);
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(index, (int) value);
    } else if (vector instanceof TimeMilliVector v) {
      v.setSafe(index, (int) value);
    } else if (vector instanceof TimeStampMicroVector v) {
      v.setSafe(index, value);
    } else if (vector instanceof IntervalYearVector v) {
      v.setSafe(index, (int) value);
    } else if (vector instanceof DurationVector v) {
      v.setSafe(index, value);
    } else {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Not an integer-like column: " + vector.getField());
    }
  }

  /** Writes a floating-point value into a REAL or DOUBLE vector. */
  static void writeDouble(FieldVector vector, int index, double value) {
    if (vector instanceof Float8Vector v) {
      v.setSafe(index, value);
    } else if (vector instanceof Float4Vector v) {
      v.setSafe(index, (float) value);
    } else {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Not a floating-point column: " + vector.getField());
    }
  }
}
