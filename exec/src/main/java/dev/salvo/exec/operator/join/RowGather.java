package dev.salvo.exec.operator.join;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
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
   * (per source) null when every source may hold nulls.
   */
  static void gather(FieldVector target, FieldVector[] sources, boolean[] sourceHasNulls,
      int[] sourceOf, int[] rows, int count) {
    int width = target instanceof BaseFixedWidthVector fixed && !(target instanceof BitVector)
        ? fixed.getTypeWidth() : 0;
    if (target instanceof BaseVariableWidthVector strings) {
      gatherVariableWidth(strings, sources, sourceHasNulls, sourceOf, rows, count);
      return;
    }
    target.setInitialCapacity(count);
    target.allocateNew();
    if (width == 4 || width == 8 || width == 16) {
      gatherFixedWidth(target, width, sources, sourceHasNulls, sourceOf, rows, count);
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

  private static void gatherFixedWidth(FieldVector target, int width, FieldVector[] sources,
      boolean[] sourceHasNulls, int[] sourceOf, int[] rows, int count) {
    ArrowBuf to = target.getDataBuffer();
    ArrowBuf validity = target.getValidityBuffer();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row < 0) {
        continue; // the fresh target's validity bit is already clear
      }
      int source = sourceOf == null ? 0 : sourceOf[i];
      if (isNull(sources, sourceHasNulls, source, row)) {
        continue;
      }
      ArrowBuf from = sources[source].getDataBuffer();
      long at = (long) row * width;
      long into = (long) i * width;
      switch (width) {
        case 4 -> to.setInt(into, from.getInt(at));
        case 8 -> to.setLong(into, from.getLong(at));
        default -> {
          to.setLong(into, from.getLong(at));
          to.setLong(into + 8, from.getLong(at + 8));
        }
      }
      BitVectorHelper.setBit(validity, i);
    }
  }

  private static void gatherVariableWidth(BaseVariableWidthVector target, FieldVector[] sources,
      boolean[] sourceHasNulls, int[] sourceOf, int[] rows, int count) {
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row >= 0) {
        ArrowBuf offsets = sources[sourceOf == null ? 0 : sourceOf[i]].getOffsetBuffer();
        bytes += offsets.getInt((long) (row + 1) * OFFSET_WIDTH)
            - offsets.getInt((long) row * OFFSET_WIDTH);
      }
    }
    target.allocateNew(Math.max(bytes, 1), count);
    ArrowBuf toOffsets = target.getOffsetBuffer();
    ArrowBuf toData = target.getDataBuffer();
    ArrowBuf validity = target.getValidityBuffer();
    int written = 0;
    toOffsets.setInt(0, 0);
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      int source = sourceOf == null ? 0 : sourceOf[i];
      if (row >= 0 && !isNull(sources, sourceHasNulls, source, row)) {
        FieldVector from = sources[source];
        ArrowBuf offsets = from.getOffsetBuffer();
        int start = offsets.getInt((long) row * OFFSET_WIDTH);
        int length = offsets.getInt((long) (row + 1) * OFFSET_WIDTH) - start;
        toData.setBytes(written, from.getDataBuffer(), start, length);
        written += length;
        BitVectorHelper.setBit(validity, i);
      }
      toOffsets.setInt((long) (i + 1) * OFFSET_WIDTH, written);
    }
    target.setLastSet(count - 1);
  }
}
