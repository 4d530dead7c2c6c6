package dev.salvo.exec.expr.vector;

import org.apache.arrow.memory.ArrowBuf;

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
}
