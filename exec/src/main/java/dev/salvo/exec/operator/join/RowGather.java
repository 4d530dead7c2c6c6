package dev.salvo.exec.operator.join;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Fills a new vector with rows picked from one or several source vectors of the same type: row
 * i is row {@code rows[i]} of {@code sources[sourceOf[i]]}, or NULL where {@code rows[i]} is -1.
 * Values 4, 8 or 16 bytes wide and strings are copied straight between the buffers (strings
 * into a data buffer sized once); other types go through Arrow's per-value copy. A source known
 * to hold no nulls is not asked about each row: on a join's build side, that question is a cache
 * miss of its own.
 */
final class RowGather {
  private static final int OFFSET_WIDTH = BaseVariableWidthVector.OFFSET_WIDTH;

  private RowGather() {}

  /**
   * Allocates {@code target}, a new vector, and gathers {@code count} rows into it;
   * {@code sourceOf} may be null when there is a single source, and {@code sourceHasNulls}
   * (per source) null when every source may hold nulls; {@code sourceValues} holds each
   * source's {@link #valuesAddress}.
   */
  static void gather(FieldVector target, FieldVector[] sources, boolean[] sourceHasNulls,
      long[] sourceValues, int[] sourceOf, int[] rows, int count) {
    int width = target instanceof BaseFixedWidthVector fixed && !(target instanceof BitVector)
        ? fixed.getTypeWidth() : 0;
    if (target instanceof BaseVariableWidthVector strings) {
      gatherVariableWidth(strings, sources, sourceHasNulls, sourceValues, sourceOf, rows, count);
      return;
    }
    target.setInitialCapacity(count);
    target.allocateNew();
    if (width == 4 || width == 8 || width == 16) {
      gatherFixedWidth(target, width, sources, sourceHasNulls, sourceValues, sourceOf, rows,
          count);
      return;
    }
    // Nested values (arrays, rows) may need more child capacity than was allocated.
    boolean fixedWidth = target instanceof BaseFixedWidthVector;
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row < 0) {
        target.setNull(i);
        continue;
      }
      FieldVector source = sources[sourceOf == null ? 0 : sourceOf[i]];
      if (fixedWidth) {
        target.copyFrom(row, i, source);
      } else {
        target.copyFromSafe(row, i, source);
      }
    }
  }

  private static boolean isNull(FieldVector[] sources, boolean[] sourceHasNulls, int source,
      int row) {
    return (sourceHasNulls == null || sourceHasNulls[source]) && sources[source].isNull(row);
  }

  /**
   * The address of a 4, 8 or 16 byte wide vector's values, its data buffer checked to hold all
   * of them, or of a string vector's offsets, checked likewise; 0 for other vectors. A gather
   * then copies values without a range check per value, checking only that each row lies below
   * the source's value count (and that a string lies within its data buffer).
   */
  static long valuesAddress(FieldVector vector) {
    if (vector instanceof BaseVariableWidthVector strings) {
      return vector.getValueCount() == 0 ? 0 : CheckedRange.address(strings.getOffsetBuffer(),
          (vector.getValueCount() + 1L) * OFFSET_WIDTH);
    }
    if (!(vector instanceof BaseFixedWidthVector fixed) || vector instanceof BitVector) {
      return 0;
    }
    int width = fixed.getTypeWidth();
    if (width != 4 && width != 8 && width != 16) {
      return 0;
    }
    return CheckedRange.address(vector.getDataBuffer(), (long) vector.getValueCount() * width);
  }

  /**
   * Each source's value count, asked once per gather: asking the vector for each row is an
   * interface call that cannot be inlined (sources of several vector classes pass through here).
   */
  private static int[] valueCounts(FieldVector[] sources) {
    int[] counts = new int[sources.length];
    for (int s = 0; s < sources.length; s++) {
      counts[s] = sources[s] == null ? 0 : sources[s].getValueCount();
    }
    return counts;
  }

  private static void gatherFixedWidth(FieldVector target, int width, FieldVector[] sources,
      boolean[] sourceHasNulls, long[] sourceValues, int[] sourceOf, int[] rows, int count) {
    int[] valueCounts = valueCounts(sources);
    long to = CheckedRange.address(target.getDataBuffer(), (long) count * width);
    long validity = CheckedRange.address(target.getValidityBuffer(), Vectors.bitBytes(count));
    // Validity bits go in 64 at a time, into the fresh target's cleared words.
    for (int first = 0; first < count; first += 64) {
      int end = Math.min(first + 64, count);
      long valid = 0;
      for (int i = first; i < end; i++) {
        int row = rows[i];
        if (row < 0) {
          continue; // NULL: an unmatched side of an outer join
        }
        int source = sourceOf == null ? 0 : sourceOf[i];
        if (row >= valueCounts[source]) {
          throw new IndexOutOfBoundsException("row " + row + " of " + valueCounts[source]);
        }
        if (isNull(sources, sourceHasNulls, source, row)) {
          continue;
        }
        long at = sourceValues[source] + (long) row * width;
        long into = to + (long) i * width;
        switch (width) {
          case 4 -> MemoryUtil.putInt(into, MemoryUtil.getInt(at));
          case 8 -> MemoryUtil.putLong(into, MemoryUtil.getLong(at));
          default -> {
            MemoryUtil.putLong(into, MemoryUtil.getLong(at));
            MemoryUtil.putLong(into + 8, MemoryUtil.getLong(at + 8));
          }
        }
        valid |= 1L << (i - first);
      }
      orBits(validity, first, end, valid);
    }
  }

  /** ORs the bits of rows {@code [first, end)}, {@code first} a multiple of 64, into a bitmap. */
  private static void orBits(long bitmap, int first, int end, long bits) {
    for (int byteIndex = first >>> 3; byteIndex << 3 < end; byteIndex++) {
      long address = bitmap + byteIndex;
      MemoryUtil.putByte(address, (byte) (MemoryUtil.getByte(address)
          | (bits >>> ((byteIndex << 3) - first))));
    }
  }

  private static void gatherVariableWidth(BaseVariableWidthVector target, FieldVector[] sources,
      boolean[] sourceHasNulls, long[] sourceOffsets, int[] sourceOf, int[] rows, int count) {
    int[] valueCounts = valueCounts(sources);
    long[] dataCapacities = new long[sources.length];
    long[] dataAddresses = new long[sources.length];
    for (int s = 0; s < sources.length; s++) {
      if (sources[s] != null && valueCounts[s] > 0) {
        ArrowBuf data = sources[s].getDataBuffer();
        dataCapacities[s] = data.capacity();
        dataAddresses[s] = CheckedRange.address(data, dataCapacities[s]);
      }
    }
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row >= 0) {
        int source = sourceOf == null ? 0 : sourceOf[i];
        if (row >= valueCounts[source]) {
          throw new IndexOutOfBoundsException("row " + row + " of " + valueCounts[source]);
        }
        bytes += CheckedRange.valueLength(sourceOffsets[source], row, dataCapacities[source]);
      }
    }
    target.allocateNew(Math.max(bytes, 1), count);
    long toOffsets = CheckedRange.address(target.getOffsetBuffer(), (count + 1L) * OFFSET_WIDTH);
    long toData = CheckedRange.address(target.getDataBuffer(), bytes);
    long validity = CheckedRange.address(target.getValidityBuffer(), Vectors.bitBytes(count));
    long written = 0;
    MemoryUtil.putInt(toOffsets, 0);
    // The first loop checked every row's range and summed the lengths into the data's size.
    for (int first = 0; first < count; first += 64) {
      int end = Math.min(first + 64, count);
      long valid = 0;
      for (int i = first; i < end; i++) {
        int row = rows[i];
        int source = sourceOf == null ? 0 : sourceOf[i];
        if (row >= 0 && !isNull(sources, sourceHasNulls, source, row)) {
          long offsets = sourceOffsets[source] + ((long) row << 2);
          int start = MemoryUtil.getInt(offsets);
          int length = MemoryUtil.getInt(offsets + OFFSET_WIDTH) - start;
          MemoryUtil.copyMemory(dataAddresses[source] + start, toData + written, length);
          written += length;
          valid |= 1L << (i - first);
        }
        MemoryUtil.putInt(toOffsets + ((long) (i + 1) << 2), (int) written);
      }
      orBits(validity, first, end, valid);
    }
    target.setLastSet(count - 1);
  }
}
