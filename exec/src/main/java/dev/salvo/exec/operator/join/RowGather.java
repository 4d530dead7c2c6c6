package dev.salvo.exec.operator.join;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Fills a new vector with rows picked from one or several source vectors of the same type: row
 * i is row {@code rows[i]} of {@code sources[sourceOf[i]]}, or NULL where {@code rows[i]} is -1.
 * Values 4, 8 or 16 bytes wide are copied straight between the buffers; other types go through
 * Arrow's per-value copy.
 */
final class RowGather {
  private RowGather() {}

  /**
   * Gathers {@code count} rows into {@code target}, freshly allocated for at least that many;
   * {@code sourceOf} may be null when there is a single source.
   */
  static void gather(FieldVector target, FieldVector[] sources, int[] sourceOf, int[] rows,
      int count) {
    int width = target instanceof BaseFixedWidthVector fixed && !(target instanceof BitVector)
        ? fixed.getTypeWidth() : 0;
    if (width == 4 || width == 8 || width == 16) {
      gatherFixedWidth(target, width, sources, sourceOf, rows, count);
      return;
    }
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

  private static void gatherFixedWidth(FieldVector target, int width, FieldVector[] sources,
      int[] sourceOf, int[] rows, int count) {
    ArrowBuf to = target.getDataBuffer();
    ArrowBuf validity = target.getValidityBuffer();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (row < 0) {
        continue; // the fresh target's validity bit is already clear
      }
      FieldVector source = sources[sourceOf == null ? 0 : sourceOf[i]];
      if (source.isNull(row)) {
        continue;
      }
      ArrowBuf from = source.getDataBuffer();
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
}
