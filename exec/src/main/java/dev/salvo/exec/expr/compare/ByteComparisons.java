package dev.salvo.exec.expr.compare;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/** Unsigned lexicographic comparison of byte ranges: code point order for UTF-8 text. */
final class ByteComparisons {
  private ByteComparisons() {}

  static int compare(ArrowBuf a, long aStart, int aLength, ArrowBuf b, long bStart,
      int bLength) {
    int common = Math.min(aLength, bLength);
    int i = 0;
    for (; i + 8 <= common; i += 8) {
      long x = a.getLong(aStart + i);
      long y = b.getLong(bStart + i);
      if (x != y) {
        // little-endian loads: reverse so that the first byte is the most significant
        return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y)) < 0 ? -1 : 1;
      }
    }
    for (; i < common; i++) {
      int x = a.getByte(aStart + i) & 0xFF;
      int y = b.getByte(bStart + i) & 0xFF;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(aLength, bLength);
  }

  /**
   * Compares the {@code length} bytes at {@code address}, which the caller checked lie within an
   * Arrow buffer, with {@code b}.
   */
  static int compare(long address, int length, byte[] b) {
    int common = Math.min(length, b.length);
    int i = 0;
    for (; i + 8 <= common; i += 8) {
      long x = MemoryUtil.getLong(address + i);
      long y = MemoryUtil.getLong(b, i);
      if (x != y) {
        // little-endian loads: reverse so that the first byte is the most significant
        return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y)) < 0 ? -1 : 1;
      }
    }
    for (; i < common; i++) {
      int x = MemoryUtil.getByte(address + i) & 0xFF;
      int y = b[i] & 0xFF;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(length, b.length);
  }

  /** Whether the {@code length} bytes at {@code address} (checked by the caller) equal {@code b}. */
  static boolean equals(long address, int length, byte[] b) {
    if (length != b.length) {
      return false;
    }
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      if (MemoryUtil.getLong(address + i) != MemoryUtil.getLong(b, i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (MemoryUtil.getByte(address + i) != b[i]) {
        return false;
      }
    }
    return true;
  }
}
