package dev.salvo.exec.batch;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Copies chosen rows of a batch into a new batch, moving runs of consecutive rows with one
 * memory copy each: what filters keep, and the rows a conditional expression evaluates.
 */
public final class RowCompaction {
  private static final int OFFSET_WIDTH = BaseVariableWidthVector.OFFSET_WIDTH;
  /** The shortest run of consecutive rows worth one memory copy. */
  private static final int LONG_RUN = 8;

  private RowCompaction() {}

  /** A new batch holding rows {@code selected[0..count)} of {@code input}, which stays open. */
  public static Batch compact(Batch input, int[] selected, int count, BufferAllocator allocator) {
    return compact(input, selected, count, null, allocator);
  }

  /**
   * Like {@link #compact(Batch, int[], int, BufferAllocator)}, but copies only the columns in
   * {@code columns} (all when null); the others become empty placeholders of {@code count} rows.
   */
  public static Batch compact(Batch input, int[] selected, int count, BitSet columns,
      BufferAllocator allocator) {
    List<FieldVector> copies = new ArrayList<>(input.columnCount());
    try {
      for (int c = 0; c < input.columnCount(); c++) {
        FieldVector source = input.column(c);
        if ((columns != null && !columns.get(c)) || source instanceof NullVector) {
          NullVector placeholder = new NullVector(source.getField().getName());
          placeholder.setValueCount(count);
          copies.add(placeholder);
          continue;
        }
        FieldVector target = source.getField().createVector(allocator);
        copies.add(target);
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
      return Batch.of(copies, count);
    } catch (RuntimeException | Error e) {
      copies.forEach(FieldVector::close);
      throw e;
    }
  }

  /**
   * Copies the selected values of a 1, 2, 4, 8 or 16 byte wide vector straight between the
   * buffers: a run of at least {@value #LONG_RUN} consecutive rows with one memory copy, any
   * other row by itself (a memory copy per row would cost more than the row's few bytes). False
   * (nothing done) for other widths, such as booleans' single bits.
   */
  private static boolean copyFixedWidth(BaseFixedWidthVector source,
      BaseFixedWidthVector target, int[] selected, int count) {
    int width = source.getTypeWidth();
    if (source instanceof BitVector || (width != 1 && width != 2 && width != 4 && width != 8
        && width != 16)) {
      return false;
    }
    target.allocateNew(count);
    int sourceRows = source.getValueCount();
    long from = CheckedRange.address(source.getDataBuffer(), (long) sourceRows * width);
    long to = CheckedRange.address(target.getDataBuffer(), (long) count * width);
    int i = 0;
    while (i < count) {
      int row = Objects.checkIndex(selected[i], sourceRows);
      if (i + LONG_RUN <= count && selected[i + LONG_RUN - 1] == row + LONG_RUN - 1) {
        int run = runLength(selected, i, count);
        Objects.checkIndex(selected[i + run - 1], sourceRows);
        MemoryUtil.copyMemory(from + (long) row * width, to + (long) i * width,
            (long) run * width);
        i += run;
        continue;
      }
      long at = from + (long) row * width;
      long into = to + (long) i * width;
      switch (width) {
        case 16 -> {
          MemoryUtil.putLong(into, MemoryUtil.getLong(at));
          MemoryUtil.putLong(into + 8, MemoryUtil.getLong(at + 8));
        }
        case 8 -> MemoryUtil.putLong(into, MemoryUtil.getLong(at));
        case 4 -> MemoryUtil.putInt(into, MemoryUtil.getInt(at));
        case 2 -> MemoryUtil.putShort(into, MemoryUtil.getShort(at));
        default -> MemoryUtil.putByte(into, MemoryUtil.getByte(at));
      }
      i++;
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
