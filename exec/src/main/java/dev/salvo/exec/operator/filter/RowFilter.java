package dev.salvo.exec.operator.filter;

import dev.salvo.exec.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** Keeps the rows of a batch whose condition value is TRUE (neither FALSE nor NULL). */
public final class RowFilter {
  private RowFilter() {}

  /**
   * Applies {@code condition} (one value per row; null means no row passes) to {@code input},
   * which this method takes over: the result is {@code input} itself when every row passes, a
   * compacted copy otherwise (the input is then closed), or null when no row passes.
   */
  public static Batch apply(Batch input, FieldVector condition, BufferAllocator allocator) {
    try {
      int rowCount = input.rowCount();
      if (!(condition instanceof BitVector mask) || rowCount == 0) {
        input.close();
        return null;
      }
      int[] selected = new int[rowCount];
      int count = 0;
      boolean noNulls = mask.getNullCount() == 0;
      ArrowBuf values = mask.getDataBuffer();
      ArrowBuf validity = mask.getValidityBuffer();
      for (int row = 0; row < rowCount; row++) {
        if ((noNulls || BitVectorHelper.get(validity, row) != 0)
            && BitVectorHelper.get(values, row) != 0) {
          selected[count++] = row;
        }
      }
      if (count == rowCount) {
        return input;
      }
      Batch result = count == 0 ? null : compact(input, selected, count, allocator);
      input.close();
      return result;
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /** A new batch holding rows {@code selected[0..count)} of {@code input}, which stays open. */
  public static Batch compact(Batch input, int[] selected, int count, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(input.columnCount());
    try {
      for (FieldVector source : input.columns()) {
        FieldVector target = source.getField().createVector(allocator);
        columns.add(target);
        target.setInitialCapacity(count);
        target.allocateNew();
        if (!(target instanceof BaseFixedWidthVector fixed)) {
          for (int i = 0; i < count; i++) {
            target.copyFromSafe(selected[i], i, source);
          }
        } else if (!copyFixedWidth((BaseFixedWidthVector) source, fixed, selected, count)) {
          for (int i = 0; i < count; i++) {
            target.copyFrom(selected[i], i, source);
          }
        }
        target.setValueCount(count);
      }
      return Batch.of(columns, count);
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
  }

  /**
   * Copies the selected values of a 1, 2, 4, 8 or 16 byte wide vector straight between the
   * buffers, which is several times faster than a {@code copyFrom} per row; false (nothing done)
   * for other widths, such as booleans' single bits. {@code target} is freshly allocated, so its
   * validity bits start cleared.
   */
  private static boolean copyFixedWidth(BaseFixedWidthVector source,
      BaseFixedWidthVector target, int[] selected, int count) {
    int width = source.getTypeWidth();
    if (source instanceof BitVector || (width != 1 && width != 2 && width != 4 && width != 8
        && width != 16)) {
      return false;
    }
    ArrowBuf from = source.getDataBuffer();
    ArrowBuf to = target.getDataBuffer();
    switch (width) {
      case 8 -> {
        for (int i = 0; i < count; i++) {
          to.setLong((long) i * 8, from.getLong((long) selected[i] * 8));
        }
      }
      case 4 -> {
        for (int i = 0; i < count; i++) {
          to.setInt((long) i * 4, from.getInt((long) selected[i] * 4));
        }
      }
      case 16 -> {
        for (int i = 0; i < count; i++) {
          long at = (long) selected[i] * 16;
          to.setLong((long) i * 16, from.getLong(at));
          to.setLong((long) i * 16 + 8, from.getLong(at + 8));
        }
      }
      case 2 -> {
        for (int i = 0; i < count; i++) {
          to.setShort((long) i * 2, from.getShort((long) selected[i] * 2));
        }
      }
      default -> {
        for (int i = 0; i < count; i++) {
          to.setByte(i, from.getByte(selected[i]));
        }
      }
    }
    ArrowBuf validityFrom = source.getValidityBuffer();
    ArrowBuf validityTo = target.getValidityBuffer();
    if (source.getNullCount() == 0) {
      validityTo.setOne(0, count / 8);
      for (int i = count / 8 * 8; i < count; i++) {
        BitVectorHelper.setBit(validityTo, i);
      }
    } else {
      for (int i = 0; i < count; i++) {
        if (BitVectorHelper.get(validityFrom, selected[i]) != 0) {
          BitVectorHelper.setBit(validityTo, i);
        }
      }
    }
    return true;
  }
}
