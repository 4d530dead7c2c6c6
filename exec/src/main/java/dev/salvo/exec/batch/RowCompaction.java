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
  /** The average length of runs of consecutive rows worth one memory copy each. */
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
    Runs runs = Runs.of(selected, count);
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
            (BaseFixedWidthVector) target, selected, count, runs, allocator)) {
          continue;
        }
        if (source instanceof BaseVariableWidthVector variable) {
          copyVariableWidth(variable, (BaseVariableWidthVector) target, selected, count, runs,
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
   * buffers: run by run with one memory copy each where the runs are long, else value by value
   * in a loop of the width's own. False (nothing done) for other widths, such as booleans'
   * single bits.
   */
  private static boolean copyFixedWidth(BaseFixedWidthVector source,
      BaseFixedWidthVector target, int[] selected, int count, Runs runs,
      BufferAllocator allocator) {
    int width = source.getTypeWidth();
    if (source instanceof BitVector || (width != 1 && width != 2 && width != 4 && width != 8
        && width != 16)) {
      return false;
    }
    int sourceRows = runs.checkWithin(source.getValueCount());
    long from = CheckedRange.address(source.getDataBuffer(), (long) sourceRows * width);
    // Every byte of the new data buffer is written below: a buffer of the vector's own
    // allocateNew would be cleared first, and rounded up to a power of two, for nothing.
    try (ArrowBuf data = allocator.buffer(Math.max((long) count * width, 1))) {
      long to = data.memoryAddress();
      if (runs.areLong()) {
        for (int r = 0; r < runs.count; r++) {
          int i = runs.starts[r];
          MemoryUtil.copyMemory(from + (long) selected[i] * width, to + (long) i * width,
              (long) (runs.starts[r + 1] - i) * width);
        }
      } else {
        gatherFixedWidth(width, from, to, selected, count);
      }
      loadBuffers(source, target, selected, count, allocator, data);
    }
    return true;
  }

  /**
   * Copies value {@code selected[i]} to position i, for rows checked to lie within the source:
   * one loop per width, so that nothing but the copy is left in it.
   */
  private static void gatherFixedWidth(int width, long from, long to, int[] selected,
      int count) {
    switch (width) {
      case 16 -> {
        for (int i = 0; i < count; i++) {
          long at = from + ((long) selected[i] << 4);
          long into = to + ((long) i << 4);
          MemoryUtil.putLong(into, MemoryUtil.getLong(at));
          MemoryUtil.putLong(into + 8, MemoryUtil.getLong(at + 8));
        }
      }
      case 8 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putLong(to + ((long) i << 3),
              MemoryUtil.getLong(from + ((long) selected[i] << 3)));
        }
      }
      case 4 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putInt(to + ((long) i << 2),
              MemoryUtil.getInt(from + ((long) selected[i] << 2)));
        }
      }
      case 2 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putShort(to + ((long) i << 1),
              MemoryUtil.getShort(from + ((long) selected[i] << 1)));
        }
      }
      default -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putByte(to + i, MemoryUtil.getByte(from + selected[i]));
        }
      }
    }
  }

  /**
   * Copies the selected values of a string or binary vector: the bytes of each run of
   * consecutive rows in one copy, the offsets shifted by where the run lands.
   */
  private static void copyVariableWidth(BaseVariableWidthVector source,
      BaseVariableWidthVector target, int[] selected, int count, Runs runs,
      BufferAllocator allocator) {
    int sourceRows = runs.checkWithin(source.getValueCount());
    long fromOffsets = CheckedRange.address(source.getOffsetBuffer(),
        (sourceRows + 1L) * OFFSET_WIDTH);
    ArrowBuf fromData = source.getDataBuffer();
    long fromCapacity = fromData.capacity();
    long bytes = 0;
    for (int r = 0; r < runs.count; r++) {
      int i = runs.starts[r];
      bytes += runBytes(fromOffsets, selected[i], runs.starts[r + 1] - i, fromCapacity);
    }
    long fromAddress = CheckedRange.address(fromData, fromCapacity);
    try (ArrowBuf offsets = allocator.buffer((count + 1L) * OFFSET_WIDTH);
        ArrowBuf data = allocator.buffer(Math.max(bytes, 1))) {
      long toOffsets = offsets.memoryAddress();
      long toData = data.memoryAddress();
      MemoryUtil.putInt(toOffsets, 0);
      if (runs.areLong()) {
        copyRuns(fromOffsets, fromAddress, fromCapacity, toOffsets, toData, selected, runs);
      } else {
        copyValues(fromOffsets, fromAddress, fromCapacity, toOffsets, toData, data.capacity(),
            selected, count);
      }
      loadBuffers(source, target, selected, count, allocator, offsets, data);
    }
  }

  private static void copyRuns(long fromOffsets, long fromAddress, long fromCapacity,
      long toOffsets, long toData, int[] selected, Runs runs) {
    int written = 0;
    for (int r = 0; r < runs.count; r++) {
      int i = runs.starts[r];
      int run = runs.starts[r + 1] - i;
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
    }
  }

  /**
   * Copies value by value; a value of up to 8 bytes as one word where both buffers have 8 bytes
   * there (the bytes after it are overwritten by the next value, or lie past the last), since a
   * memory copy call costs more than such a value.
   */
  private static void copyValues(long fromOffsets, long fromAddress, long fromCapacity,
      long toOffsets, long toData, long toCapacity, int[] selected, int count) {
    int written = 0;
    for (int i = 0; i < count; i++) {
      int row = selected[i];
      int first = MemoryUtil.getInt(fromOffsets + (long) row * OFFSET_WIDTH);
      int length = runBytes(fromOffsets, row, 1, fromCapacity);
      if (length <= 8 && first + 8L <= fromCapacity && written + 8L <= toCapacity) {
        MemoryUtil.putLong(toData + written, MemoryUtil.getLong(fromAddress + first));
      } else {
        MemoryUtil.copyMemory(fromAddress + first, toData + written, length);
      }
      written += length;
      MemoryUtil.putInt(toOffsets + (long) (i + 1) * OFFSET_WIDTH, written);
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
   * Where the runs of consecutive rows of a selection start, found once for all its columns,
   * and the lowest and highest row it holds, which every column is checked against.
   */
  private static final class Runs {
    /** The position in the selection of each run's first row, then the selection's size. */
    final int[] starts;
    final int count;
    private final int selectedCount;
    private final int lowest;
    private final int highest;

    private Runs(int[] starts, int count, int selectedCount, int lowest, int highest) {
      this.starts = starts;
      this.count = count;
      this.selectedCount = selectedCount;
      this.lowest = lowest;
      this.highest = highest;
    }

    static Runs of(int[] selected, int count) {
      int[] starts = new int[count + 1];
      if (count == 0) {
        return new Runs(starts, 0, 0, 0, 0);
      }
      int runs = 1;
      int lowest = selected[0];
      int highest = lowest;
      for (int i = 1; i < count; i++) {
        int row = selected[i];
        // Written always, kept only by a new run: no branch for filters that keep rows at random.
        starts[runs] = i;
        runs += row != selected[i - 1] + 1 ? 1 : 0;
        lowest = Math.min(lowest, row);
        highest = Math.max(highest, row);
      }
      starts[runs] = count;
      return new Runs(starts, runs, count, lowest, highest);
    }

    /** Whether runs are {@value #LONG_RUN} rows long or more on average. */
    boolean areLong() {
      return (long) count * LONG_RUN <= selectedCount;
    }

    /** {@code rows}, after checking that every selected row is below it. */
    int checkWithin(int rows) {
      if (selectedCount > 0) {
        Objects.checkIndex(lowest, rows);
        Objects.checkIndex(highest, rows);
      }
      return rows;
    }
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
