package dev.salvo.exec.expr.compare;

import org.apache.arrow.memory.ArrowBuf;

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

  static int compare(ArrowBuf a, long aStart, int aLength, byte[] b) {
    int common = Math.min(aLength, b.length);
    for (int i = 0; i < common; i++) {
      int x = a.getByte(aStart + i) & 0xFF;
      int y = b[i] & 0xFF;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(aLength, b.length);
  }

  static boolean equals(ArrowBuf a, long aStart, int aLength, byte[] b) {
    if (aLength != b.length) {
      return false;
    }
    for (int i = 0; i < aLength; i++) {
      if (a.getByte(aStart + i) != b[i]) {
        return false;
      }
    }
    return true;
  }
}
