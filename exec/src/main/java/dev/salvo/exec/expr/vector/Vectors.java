package dev.salvo.exec.expr.vector;

import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Raw reads and writes of Arrow buffers shared by the expression kernels, so that hot loops work
 * on primitive values without going through per-row virtual calls or boxing.
 */
public final class Vectors {
  /** Width in bytes of a value stored as a little-endian integer; 0 means one bit. */
  public static final int BIT_WIDTH = 0;

  private Vectors() {}

  /**
   * A fresh vector of {@code type} with room for {@code rowCount} values, every one null. The
   * caller writes the values and then calls {@code setValueCount}.
   */
  public static FieldVector allocate(DataType type, int rowCount, BufferAllocator allocator) {
    FieldVector vector = type.toField("expr").createVector(allocator);
    if (vector instanceof NullVector) {
      vector.setValueCount(rowCount);
      return vector;
    }
    try {
      vector.setInitialCapacity(Math.max(rowCount, 1));
      vector.allocateNew();
      return vector;
    } catch (RuntimeException | Error e) {
      vector.close();
      throw e;
    }
  }

  /** Whether values of this kind are stored as integers (or bits) that read as a long. */
  public static boolean isLongBacked(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP,
          INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME -> true;
      default -> false;
    };
  }

  /** Storage width in bytes of a long-backed kind ({@link #BIT_WIDTH} for BOOLEAN). */
  public static int longWidth(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> BIT_WIDTH;
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER, DATE, TIME, INTERVAL_YEAR_MONTH -> 4;
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> 8;
      default -> throw new IllegalArgumentException(kind + " is not stored as an integer");
    };
  }

  /** Smallest value of an integer kind (or of the storage of another long-backed kind). */
  public static long minValue(TypeKind kind) {
    return switch (longWidth(kind)) {
      case BIT_WIDTH -> 0;
      case 1 -> Byte.MIN_VALUE;
      case 2 -> Short.MIN_VALUE;
      case 4 -> Integer.MIN_VALUE;
      default -> Long.MIN_VALUE;
    };
  }

  /** Largest value of an integer kind (or of the storage of another long-backed kind). */
  public static long maxValue(TypeKind kind) {
    return switch (longWidth(kind)) {
      case BIT_WIDTH -> 1;
      case 1 -> Byte.MAX_VALUE;
      case 2 -> Short.MAX_VALUE;
      case 4 -> Integer.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
  }

  public static long readLong(ArrowBuf data, int width, int index) {
    return switch (width) {
      case 8 -> data.getLong((long) index << 3);
      case 4 -> data.getInt((long) index << 2);
      case 2 -> data.getShort((long) index << 1);
      case 1 -> data.getByte(index);
      default -> (data.getByte(index >>> 3) >> (index & 7)) & 1;
    };
  }

  /** Writes a value already known to fit the width; bits are only ever set, never cleared. */
  public static void writeLong(ArrowBuf data, int width, int index, long value) {
    switch (width) {
      case 8 -> data.setLong((long) index << 3, value);
      case 4 -> data.setInt((long) index << 2, (int) value);
      case 2 -> data.setShort((long) index << 1, (short) value);
      case 1 -> data.setByte(index, (byte) value);
      default -> {
        if (value != 0) {
          setBit(data, index);
        }
      }
    }
  }

  /** Reads a REAL (width 4) or DOUBLE (width 8) value. */
  public static double readDouble(ArrowBuf data, int width, int index) {
    return width == 8 ? data.getDouble((long) index << 3) : data.getFloat((long) index << 2);
  }

  public static void writeDouble(ArrowBuf data, int width, int index, double value) {
    if (width == 8) {
      data.setDouble((long) index << 3, value);
    } else {
      data.setFloat((long) index << 2, (float) value);
    }
  }

  public static int doubleWidth(TypeKind kind) {
    return kind == TypeKind.REAL ? 4 : 8;
  }

  public static boolean isSet(ArrowBuf bits, int index) {
    return ((bits.getByte(index >>> 3) >> (index & 7)) & 1) != 0;
  }

  public static void setBit(ArrowBuf bits, int index) {
    int byteIndex = index >>> 3;
    bits.setByte(byteIndex, bits.getByte(byteIndex) | (1 << (index & 7)));
  }

  /**
   * Writes the bits of rows {@code [first, end)} ({@code first} a multiple of 64, at most 64
   * rows) into a bitmap at {@code address} whose range the caller checked to hold {@code end}
   * bits: a whole word at once where the rows fill it.
   */
  public static void putBits(long address, int first, int end, long bits) {
    if (end - first == 64) {
      MemoryUtil.putLong(address + (first >>> 3), bits);
      return;
    }
    for (int byteIndex = first >>> 3; byteIndex << 3 < end; byteIndex++) {
      MemoryUtil.putByte(address + byteIndex, (byte) (bits >>> ((byteIndex << 3) - first)));
    }
  }

  /**
   * Up to the first eight bytes of the {@code length}-byte value at {@code start} of a data
   * buffer at {@code address} of {@code capacity} bytes (a range the caller checked),
   * little-endian and zero-padded: one read where 8 bytes lie within the buffer.
   */
  public static long prefixWord(long address, int start, int length, long capacity) {
    if (length == 0) {
      return 0;
    }
    if (start + 8L <= capacity) {
      long word = MemoryUtil.getLong(address + start);
      return length >= 8 ? word : word & ((1L << (length * 8)) - 1);
    }
    long value = 0;
    for (int i = 0; i < Math.min(length, 8); i++) {
      value |= (MemoryUtil.getByte(address + start + i) & 0xFFL) << (i * 8);
    }
    return value;
  }

  /** Bytes holding {@code rowCount} bits. */
  public static int bitBytes(int rowCount) {
    return (rowCount + 7) >>> 3;
  }

  /** Mask of the bits of byte {@code byteIndex} that belong to the first {@code rowCount} rows. */
  public static int byteMask(int byteIndex, int rowCount) {
    int remaining = rowCount - (byteIndex << 3);
    return remaining >= 8 ? 0xFF : (1 << remaining) - 1;
  }

  /**
   * Sets {@code target} to the intersection of the validity of {@code sources} (null entries,
   * standing for non-null constants, are skipped): a row is valid when every source is.
   */
  public static void intersectValidity(ArrowBuf target, int rowCount, FieldVector... sources) {
    int bytes = bitBytes(rowCount);
    boolean first = true;
    for (FieldVector source : sources) {
      if (source == null) {
        continue;
      }
      ArrowBuf validity = source.getValidityBuffer();
      if (first) {
        target.setBytes(0, validity, 0, bytes);
        first = false;
      } else {
        for (int i = 0; i < bytes; i++) {
          target.setByte(i, target.getByte(i) & validity.getByte(i));
        }
      }
    }
    if (first) {
      setAll(target, rowCount);
    } else if (bytes > 0) {
      int last = bytes - 1;
      target.setByte(last, target.getByte(last) & byteMask(last, rowCount));
    }
  }

  /**
   * Sets bit {@code j} of {@code target} where row {@code rows[j]} is valid in every source (null
   * entries, standing for non-null constants, are skipped): the validity of a result computed
   * from chosen rows of its sources.
   */
  public static void selectedValidity(ArrowBuf target, int[] rows, int count,
      FieldVector... sources) {
    boolean anyNulls = false;
    for (FieldVector source : sources) {
      anyNulls |= source != null && source.getNullCount() > 0;
    }
    if (!anyNulls) {
      setAll(target, count);
      return;
    }
    for (int j = 0; j < count; j++) {
      boolean valid = true;
      for (FieldVector source : sources) {
        valid &= source == null || !source.isNull(rows[j]);
      }
      if (valid) {
        setBit(target, j);
      }
    }
  }

  /** Sets the first {@code rowCount} bits. */
  public static void setAll(ArrowBuf bits, int rowCount) {
    int bytes = bitBytes(rowCount);
    for (int i = 0; i < bytes; i++) {
      bits.setByte(i, byteMask(i, rowCount));
    }
  }

  /** Whether any of the first {@code rowCount} values of {@code vector} is null. */
  public static boolean hasNulls(FieldVector vector, int rowCount) {
    if (vector instanceof NullVector) {
      return rowCount > 0;
    }
    ArrowBuf validity = vector.getValidityBuffer();
    int bytes = bitBytes(rowCount);
    for (int i = 0; i < bytes; i++) {
      int mask = byteMask(i, rowCount);
      if ((validity.getByte(i) & mask) != mask) {
        return true;
      }
    }
    return false;
  }
}
