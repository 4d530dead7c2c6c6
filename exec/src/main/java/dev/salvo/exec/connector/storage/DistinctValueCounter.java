package dev.salvo.exec.connector.storage;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Feeds every non-null value of a table's scalar columns into one distinct-value sketch per
 * column, as a data file is written. Values are hashed from their Arrow layout (integers of every
 * width as the same 64-bit number, text and binary as their bytes), so the sketches depend only on
 * the values. Nested columns are not counted. Not thread-safe.
 */
final class DistinctValueCounter {
  /**
   * The hash the stored sketches were built with: part of the stored format, so it never changes
   * (a sketch built with another hash would merge into nonsense).
   */
  private static final Hasher64 HASH = Hashing.komihash5_0();

  private final Map<Integer, UltraLogLog> sketches = new HashMap<>();
  private byte[] scratch = new byte[64];

  DistinctValueCounter(RowType rowType) {
    for (int column = 0; column < rowType.size(); column++) {
      if (canCount(rowType.type(column))) {
        sketches.put(column, UltraLogLog.create(DistinctValueSketches.PRECISION));
      }
    }
  }

  /** Whether values of {@code type} are sketched: every scalar type but the NULL type. */
  static boolean canCount(DataType type) {
    return !type.kind().isNested() && type.kind() != TypeKind.NULL;
  }

  /** Adds the first {@code rowCount} values of {@code vector}, the table's {@code column}. */
  void add(int column, FieldVector vector, int rowCount) {
    UltraLogLog sketch = sketches.get(column);
    if (sketch == null) {
      return;
    }
    if (vector instanceof BitVector bits) {
      for (int row = 0; row < rowCount; row++) {
        if (!bits.isNull(row)) {
          sketch.add(HASH.hashLongToLong(bits.get(row)));
        }
      }
    } else if (vector instanceof Float4Vector floats) {
      for (int row = 0; row < rowCount; row++) {
        if (!floats.isNull(row)) {
          sketch.add(HASH.hashLongToLong(doubleKey(floats.get(row))));
        }
      }
    } else if (vector instanceof Float8Vector doubles) {
      for (int row = 0; row < rowCount; row++) {
        if (!doubles.isNull(row)) {
          sketch.add(HASH.hashLongToLong(doubleKey(doubles.get(row))));
        }
      }
    } else if (vector instanceof BaseFixedWidthVector fixed) {
      addFixedWidth(sketch, fixed, rowCount);
    } else if (vector instanceof BaseVariableWidthVector variable) {
      addVariableWidth(sketch, variable, rowCount);
    }
  }

  /** The sketches so far. */
  DistinctValueSketches result() {
    return DistinctValueSketches.of(sketches);
  }

  /** Equal values of SQL (0.0 and -0.0, every NaN) get one key. */
  private static long doubleKey(double value) {
    return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
  }

  private static void addFixedWidth(UltraLogLog sketch, BaseFixedWidthVector vector,
      int rowCount) {
    ArrowBuf data = vector.getDataBuffer();
    int width = vector.getTypeWidth();
    for (int row = 0; row < rowCount; row++) {
      if (vector.isNull(row)) {
        continue;
      }
      long offset = (long) row * width;
      long hash = switch (width) {
        case 1 -> HASH.hashLongToLong(data.getByte(offset));
        case 2 -> HASH.hashLongToLong(data.getShort(offset));
        case 4 -> HASH.hashLongToLong(data.getInt(offset));
        case 8 -> HASH.hashLongToLong(data.getLong(offset));
        case 16 -> HASH.hashLongLongToLong(data.getLong(offset), data.getLong(offset + 8));
        default -> throw new IllegalStateException("No distinct counting for values of "
            + width + " bytes");
      };
      sketch.add(hash);
    }
  }

  private void addVariableWidth(UltraLogLog sketch, BaseVariableWidthVector vector,
      int rowCount) {
    ArrowBuf data = vector.getDataBuffer();
    for (int row = 0; row < rowCount; row++) {
      if (vector.isNull(row)) {
        continue;
      }
      long start = vector.getStartOffset(row);
      int length = vector.getValueLength(row);
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, 2 * scratch.length)];
      }
      data.getBytes(start, scratch, 0, length);
      sketch.add(HASH.hashBytesToLong(scratch, 0, length));
    }
  }
}
