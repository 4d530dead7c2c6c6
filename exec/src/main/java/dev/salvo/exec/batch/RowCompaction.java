package dev.salvo.exec.batch;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

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
            (BaseFixedWidthVector) target, selected, count, allocator)) {
          continue;
        }
        if (source instanceof BaseVariableWidthVector variable) {
          copyVariableWidth(variable, (BaseVariableWidthVector) target, selected, count,
              allocator);
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
      BaseFixedWidthVector target, int[] selected, int count, BufferAllocator allocator) {
    int width = source.getTypeWidth();
    if (source instanceof BitVector || (width != 1 && width != 2 && width != 4 && width != 8
        && width != 16)) {
      return false;
    }
    int sourceRows = source.getValueCount();
    long from = CheckedRange.address(source.getDataBuffer(), (long) sourceRows * width);
    // Every byte of the new data buffer is written below: a buffer of the vector's own
    // allocateNew would be cleared first, and rounded up to a power of two, for nothing.
    try (ArrowBuf data = allocator.buffer(Math.max((long) count * width, 1))) {
      long to = data.memoryAddress();
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
      loadBuffers(source, target, selected, count, allocator, data);
    }
    return true;
  }

  /**
   * Copies the selected values of a string or binary vector: the bytes of each run of
   * consecutive rows in one copy, the offsets shifted by where the run lands.
   */
  private static void copyVariableWidth(BaseVariableWidthVector source,
      BaseVariableWidthVector target, int[] selected, int count, BufferAllocator allocator) {
    int sourceRows = source.getValueCount();
    long fromOffsets = CheckedRange.address(source.getOffsetBuffer(),
        (sourceRows + 1L) * OFFSET_WIDTH);
    ArrowBuf fromData = source.getDataBuffer();
    long fromCapacity = fromData.capacity();
    long bytes = 0;
    int i = 0;
    while (i < count) {
      int run = checkedRunLength(selected, i, count, sourceRows);
      bytes += runBytes(fromOffsets, selected[i], run, fromCapacity);
      i += run;
    }
    long fromAddress = CheckedRange.address(fromData, fromCapacity);
    try (ArrowBuf offsets = allocator.buffer((count + 1L) * OFFSET_WIDTH);
        ArrowBuf data = allocator.buffer(Math.max(bytes, 1))) {
      long toOffsets = offsets.memoryAddress();
      long toData = data.memoryAddress();
      int written = 0;
      MemoryUtil.putInt(toOffsets, 0);
      i = 0;
      while (i < count) {
        int run = runLength(selected, i, count);
        int firstRow = selected[i];
        int first = MemoryUtil.getInt(fromOffsets + (long) firstRow * OFFSET_WIDTH);
        int length = runBytes(fromOffsets, firstRow, run, fromCapacity);
        MemoryUtil.copyMemory(fromAddress + first, toData + written, length);
        int shift = written - first;
        long fromRow = fromOffsets + (long) (firstRow + 1) * OFFSET_WIDTH;
        long toRow = toOffsets + (long) (i + 1) * OFFSET_WIDTH;
        for (int k = 0; k < run; k++) {
          MemoryUtil.putInt(toRow + (long) k * OFFSET_WIDTH,
              MemoryUtil.getInt(fromRow + (long) k * OFFSET_WIDTH) + shift);
        }
        written += length;
        i += run;
      }
      loadBuffers(source, target, selected, count, allocator, offsets, data);
    }
  }

  /**
   * The bytes of the {@code run} values from {@code firstRow} on, after checking that they lie
   * within the data buffer.
   */
  private static int runBytes(long offsets, int firstRow, int run, long capacity) {
    int first = MemoryUtil.getInt(offsets + (long) firstRow * OFFSET_WIDTH);
    int end = MemoryUtil.getInt(offsets + (long) (firstRow + run) * OFFSET_WIDTH);
    if (first < 0 || end < first || end > capacity) {
      throw new IndexOutOfBoundsException("Values " + firstRow + " to " + (firstRow + run - 1)
          + " at bytes [" + first + ", " + end + ") of a buffer of " + capacity);
    }
    return end - first;
  }

  /**
   * Makes {@code buffers} (offsets and data, or data alone) the target's, with validity bits
   * for the selected rows; the target takes its own references to them.
   */
  private static void loadBuffers(FieldVector source, FieldVector target, int[] selected,
      int count, BufferAllocator allocator, ArrowBuf... buffers) {
    boolean hasNulls = source.getNullCount() > 0;
    // With no nulls the target makes its own all-valid bits from the null count alone.
    try (ArrowBuf validity = hasNulls
        ? allocator.buffer(Math.max(BitVectorHelper.getValidityBufferSize(count), 1))
        : allocator.getEmpty()) {
      int nullCount = hasNulls ? copyValidity(source, validity, selected, count) : 0;
      List<ArrowBuf> all = new ArrayList<>(buffers.length + 1);
      all.add(validity);
      all.addAll(Arrays.asList(buffers));
      target.loadFieldBuffers(new ArrowFieldNode(count, nullCount), all);
    }
  }

  /**
   * How many rows from {@code selected[start]} on are consecutive, after checking that they
   * are all below {@code rows}.
   */
  private static int checkedRunLength(int[] selected, int start, int count, int rows) {
    Objects.checkIndex(selected[start], rows);
    int run = runLength(selected, start, count);
    Objects.checkIndex(selected[start + run - 1], rows);
    return run;
  }

  /** How many rows from {@code selected[start]} on are consecutive. */
  private static int runLength(int[] selected, int start, int count) {
    int end = start + 1;
    while (end < count && selected[end] == selected[start] + (end - start)) {
      end++;
    }
    return end - start;
  }

  /** Writes the validity bits of the selected rows into {@code validity}; returns the nulls. */
  private static int copyValidity(FieldVector source, ArrowBuf validity, int[] selected,
      int count) {
    ArrowBuf validityFrom = source.getValidityBuffer();
    validity.setZero(0, validity.capacity());
    int nulls = 0;
    for (int i = 0; i < count; i++) {
      if (BitVectorHelper.get(validityFrom, selected[i]) != 0) {
        BitVectorHelper.setBit(validity, i);
      } else {
        nulls++;
      }
    }
    return nulls;
  }
}
