package dev.salvo.exec.expr.compare;

import org.apache.arrow.memory.util.MemoryUtil;

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

  private static int hash(long address, int length) {
    int hash = 1;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + MemoryUtil.getByte(address + i);
    }
    return hash ^ (hash >>> 16);
  }

  /** Whether the {@code length} bytes at {@code address} (checked by the caller) are a member. */
  boolean contains(long address, int length) {
    int slot = hash(address, length) & mask;
    while (keys[slot] != null) {
      if (ByteComparisons.equals(address, length, keys[slot])) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }
}
