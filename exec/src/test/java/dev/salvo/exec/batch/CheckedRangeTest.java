package dev.salvo.exec.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** A loop gets a buffer's address only for a range inside a live buffer. */
class CheckedRangeTest {
  @Test
  void rangesBeyondTheBufferOrReleasedBuffersAreRefused() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ArrowBuf buffer = allocator.buffer(64);
      assertEquals(buffer.memoryAddress(), CheckedRange.address(buffer, buffer.capacity()));
      assertThrows(IndexOutOfBoundsException.class,
          () -> CheckedRange.address(buffer, buffer.capacity() + 1));
      assertThrows(IndexOutOfBoundsException.class, () -> CheckedRange.address(buffer, -1));
      buffer.close();
      assertThrows(IllegalStateException.class, () -> CheckedRange.address(buffer, 8));
    }
  }
}
