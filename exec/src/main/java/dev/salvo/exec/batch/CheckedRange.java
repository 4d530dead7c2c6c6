package dev.salvo.exec.batch;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The address of an Arrow buffer for a per-row loop that checked its whole range once: Arrow
 * checks the bounds and the reference count on every single access, which costs a hot loop over
 * millions of rows more than its arithmetic. A loop asks here for the address, with the bytes it
 * will touch, and then reads and writes through {@code MemoryUtil} at offsets within them.
 */
public final class CheckedRange {
  private CheckedRange() {}

  /**
   * The buffer's memory address, after checking that it is still allocated and holds at least
   * {@code bytes} bytes.
   *
   * @throws IndexOutOfBoundsException when the buffer is smaller
   * @throws IllegalStateException when the buffer was already released
   */
  public static long address(ArrowBuf buffer, long bytes) {
    if (buffer.refCnt() == 0) {
      throw new IllegalStateException("Arrow buffer already released");
    }
    if (bytes < 0 || bytes > buffer.capacity()) {
      throw new IndexOutOfBoundsException("A loop over " + bytes + " bytes of an Arrow buffer"
          + " of " + buffer.capacity() + " bytes");
    }
    return buffer.memoryAddress();
  }

  /**
   * The length of value {@code row} of a string vector whose offsets lie at {@code offsets} (an
   * address checked for the rows read), after checking that the value lies within its data
   * buffer of {@code capacity} bytes.
   *
   * @throws IndexOutOfBoundsException when it does not
   */
  public static int valueLength(long offsets, int row, long capacity) {
    int start = MemoryUtil.getInt(offsets + ((long) row << 2));
    int end = MemoryUtil.getInt(offsets + ((long) (row + 1) << 2));
    if (start < 0 || end < start || end > capacity) {
      throw new IndexOutOfBoundsException("Value " + row + " at bytes [" + start + ", " + end
          + ") of a buffer of " + capacity);
    }
    return end - start;
  }
}
