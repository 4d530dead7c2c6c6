package dev.salvo.exec.operator.filter;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.vector.CheckedRange;
import dev.salvo.exec.expr.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** Keeps the rows of a batch whose condition value is TRUE (neither FALSE nor NULL). */
public final class RowFilter {
  private static final int OFFSET_WIDTH = BaseVariableWidthVector.OFFSET_WIDTH;

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
      int count = selectTrueRows(mask, rowCount, selected);
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

  /**
   * Writes the positions of the rows whose value is TRUE into {@code selected} and returns how
   * many there are. Reads the value and validity bits 64 rows at a time and visits set bits only.
   */
  private static int selectTrueRows(BitVector mask, int rowCount, int[] selected) {
    int bytes = Vectors.bitBytes(rowCount);
    long values = CheckedRange.address(mask.getDataBuffer(), bytes);
    ArrowBuf validityBuffer = mask.getValidityBuffer();
    // A vector read without nulls may come without a validity buffer: every row is valid.
    long validity = validityBuffer.capacity() >= bytes
        ? CheckedRange.address(validityBuffer, bytes) : 0;
    int count = 0;
    int words = rowCount >>> 6;
    for (int word = 0; word < words; word++) {
      long offset = (long) word << 3;
      long bits = MemoryUtil.getLong(values + offset);
      if (validity != 0) {
        bits &= MemoryUtil.getLong(validity + offset);
      }
      int base = word << 6;
      while (bits != 0) {
        selected[count++] = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    for (int byteIndex = words << 3; byteIndex < bytes; byteIndex++) {
      int bits = MemoryUtil.getByte(values + byteIndex) & Vectors.byteMask(byteIndex, rowCount);
      if (validity != 0) {
        bits &= MemoryUtil.getByte(validity + byteIndex);
      }
      int base = byteIndex << 3;
      while (bits != 0) {
        selected[count++] = base + Integer.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return count;
  }

  /** A new batch holding rows {@code selected[0..count)} of {@code input}, which stays open. */
  public static Batch compact(Batch input, int[] selected, int count, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(input.columnCount());
    try {
      for (FieldVector source : input.columns()) {
        FieldVector target = source.getField().createVector(allocator);
        columns.add(target);
        if (source instanceof BaseFixedWidthVector fixed && copyFixedWidth(fixed,
            (BaseFixedWidthVector) target, selected, count)) {
          continue;
        }
        if (source instanceof BaseVariableWidthVector variable) {
          copyVariableWidth(variable, (BaseVariableWidthVector) target, selected, count);
          continue;
        }
        target.setInitialCapacity(count);
        target.allocateNew();
        for (int i = 0; i < count; i++) {
          target.copyFromSafe(selected[i], i, source);
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
   * buffers, a run of consecutive rows at a time; false (nothing done) for other widths, such as
   * booleans' single bits.
   */
  private static boolean copyFixedWidth(BaseFixedWidthVector source,
      BaseFixedWidthVector target, int[] selected, int count) {
    int width = source.getTypeWidth();
    if (source instanceof BitVector || (width != 1 && width != 2 && width != 4 && width != 8
        && width != 16)) {
      return false;
    }
    target.allocateNew(count);
    ArrowBuf from = source.getDataBuffer();
    ArrowBuf to = target.getDataBuffer();
    int i = 0;
    while (i < count) {
      int run = runLength(selected, i, count);
      to.setBytes((long) i * width, from, (long) selected[i] * width, (long) run * width);
      i += run;
    }
    copyValidity(source, target, selected, count);
    target.setValueCount(count);
    return true;
  }

  /**
   * Copies the selected values of a string or binary vector: the bytes of each run of
   * consecutive rows in one copy, the offsets shifted by where the run lands.
   */
  private static void copyVariableWidth(BaseVariableWidthVector source,
      BaseVariableWidthVector target, int[] selected, int count) {
    ArrowBuf fromOffsets = source.getOffsetBuffer();
    long bytes = 0;
    int i = 0;
    while (i < count) {
      int run = runLength(selected, i, count);
      bytes += fromOffsets.getInt((long) (selected[i] + run) * OFFSET_WIDTH)
          - fromOffsets.getInt((long) selected[i] * OFFSET_WIDTH);
      i += run;
    }
    target.allocateNew(Math.max(bytes, 1), count);
    ArrowBuf fromData = source.getDataBuffer();
    ArrowBuf toOffsets = target.getOffsetBuffer();
    ArrowBuf toData = target.getDataBuffer();
    int written = 0;
    toOffsets.setInt(0, 0);
    i = 0;
    while (i < count) {
      int run = runLength(selected, i, count);
      int first = fromOffsets.getInt((long) selected[i] * OFFSET_WIDTH);
      int end = fromOffsets.getInt((long) (selected[i] + run) * OFFSET_WIDTH);
      toData.setBytes(written, fromData, first, end - first);
      int shift = written - first;
      for (int k = 1; k <= run; k++) {
        toOffsets.setInt((long) (i + k) * OFFSET_WIDTH,
            fromOffsets.getInt((long) (selected[i] + k) * OFFSET_WIDTH) + shift);
      }
      written += end - first;
      i += run;
    }
    copyValidity(source, target, selected, count);
    target.setLastSet(count - 1);
    target.setValueCount(count);
  }

  /** How many rows from {@code selected[start]} on are consecutive. */
  private static int runLength(int[] selected, int start, int count) {
    int end = start + 1;
    while (end < count && selected[end] == selected[start] + (end - start)) {
      end++;
    }
    return end - start;
  }

  /** Sets the target's validity bits of the selected rows; the target's bits start cleared. */
  private static void copyValidity(FieldVector source, FieldVector target, int[] selected,
      int count) {
    ArrowBuf validityTo = target.getValidityBuffer();
    if (source.getNullCount() == 0) {
      validityTo.setOne(0, count / 8);
      for (int i = count / 8 * 8; i < count; i++) {
        BitVectorHelper.setBit(validityTo, i);
      }
      return;
    }
    ArrowBuf validityFrom = source.getValidityBuffer();
    for (int i = 0; i < count; i++) {
      if (BitVectorHelper.get(validityFrom, selected[i]) != 0) {
        BitVectorHelper.setBit(validityTo, i);
      }
    }
  }
}
