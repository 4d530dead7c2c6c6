package dev.salvo.exec.expr.compare;

import org.apache.arrow.memory.ArrowBuf;

/** An immutable open-addressing set of byte strings, probed directly with Arrow buffer ranges. */
final class BytesHashSet {
  private final byte[][] keys;
  private final int mask;

  BytesHashSet(byte[][] values) {
    int capacity = Integer.highestOneBit(Math.max(values.length, 1) * 2 + 1) << 1;
    keys = new byte[capacity][];
    mask = capacity - 1;
    for (byte[] value : values) {
      int slot = hash(value) & mask;
      while (keys[slot] != null && !java.util.Arrays.equals(keys[slot], value)) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = value;
    }
  }

  private static int hash(byte[] value) {
    int hash = 1;
    for (byte b : value) {
      hash = 31 * hash + b;
    }
    return hash ^ (hash >>> 16);
  }

  private static int hash(ArrowBuf data, long start, int length) {
    int hash = 1;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + data.getByte(start + i);
    }
    return hash ^ (hash >>> 16);
  }

  boolean contains(ArrowBuf data, long start, int length) {
    int slot = hash(data, start, length) & mask;
    while (keys[slot] != null) {
      if (ByteComparisons.equals(data, start, length, keys[slot])) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }
}
