package dev.salvo.exec.operator.filter;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.batch.RowCompaction;
import dev.salvo.exec.expr.vector.Vectors;
import java.util.BitSet;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVector;
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
    return apply(input, condition, null, allocator);
  }

  /**
   * Like {@link #apply(Batch, FieldVector, BufferAllocator)}, but a compacted copy holds only the
   * {@code columns} (all when null) and empty placeholders for the others, which nothing after
   * the filter reads.
   */
  public static Batch apply(Batch input, FieldVector condition, BitSet columns,
      BufferAllocator allocator) {
    int[] selected;
    int count;
    try {
      selected = new int[input.rowCount()];
      count = selectTrueRows(condition, input.rowCount(), selected);
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
    return keep(input, selected, count, columns, allocator);
  }

  /**
   * Keeps rows {@code selected[0..count)} (ascending) of {@code input}, which this method takes
   * over, as {@link #apply(Batch, FieldVector, BitSet, BufferAllocator)} does.
   */
  public static Batch keep(Batch input, int[] selected, int count, BitSet columns,
      BufferAllocator allocator) {
    try {
      if (count == input.rowCount() && count > 0) {
        return input;
      }
      Batch result = count == 0 ? null
          : RowCompaction.compact(input, selected, count, columns, allocator);
      input.close();
      return result;
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /**
   * Writes the positions of the rows whose {@code condition} is TRUE into {@code selected} and
   * returns how many there are; none when the condition is not a BOOLEAN vector (all NULL).
   */
  public static int selectTrueRows(FieldVector condition, int rowCount, int[] selected) {
    return condition instanceof BitVector mask && rowCount > 0
        ? selectTrueRows(mask, rowCount, selected) : 0;
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
}
