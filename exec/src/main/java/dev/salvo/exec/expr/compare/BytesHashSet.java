package dev.salvo.exec.expr.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * An immutable set of byte strings, probed directly with values in memory. Strings of up to 7
 * bytes (codes, flags, modes) are packed with their length into one long and looked up in a set
 * of longs, which costs one read of the value instead of hashing it byte by byte; longer strings
 * go to an open-addressing table of byte arrays.
 */
final class BytesHashSet {
  /** The longest string packed into a long: its bytes, then its length in the top byte. */
  private static final int PACKED_LENGTH = 7;

  private final LongHashSet packedKeys;
  private final byte[][] keys;
  private final int mask;
  /** The longest member's length: a longer value is no member, and is not hashed to tell. */
  private final int longest;

  BytesHashSet(byte[][] values) {
    List<Long> packed = new ArrayList<>();
    List<byte[]> longer = new ArrayList<>();
    int longestValue = 0;
    for (byte[] value : values) {
      longestValue = Math.max(longestValue, value.length);
      if (value.length <= PACKED_LENGTH) {
        packed.add(pack(value));
      } else {
        longer.add(value);
      }
    }
    longest = longestValue;
    packedKeys = new LongHashSet(packed.stream().mapToLong(Long::longValue).toArray());
    int capacity = Integer.highestOneBit(Math.max(longer.size(), 1) * 2 + 1) << 1;
    keys = new byte[capacity][];
    mask = capacity - 1;
    for (byte[] value : longer) {
      int slot = hash(value) & mask;
      while (keys[slot] != null && !Arrays.equals(keys[slot], value)) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = value;
    }
  }

  private static long pack(byte[] value) {
    long packed = (long) value.length << 56;
    for (int i = 0; i < value.length; i++) {
      packed |= (value[i] & 0xFFL) << (i * 8);
    }
    return packed;
  }

  /** {@link #pack} of the {@code length} (at most 7) bytes at {@code address}. */
  private static long pack(long address, int length, long readable) {
    if (length == 0) {
      return 0;
    }
    long bytes;
    if (readable >= 8) {
      bytes = MemoryUtil.getLong(address) & ((1L << (length * 8)) - 1);
    } else {
      bytes = 0;
      for (int i = 0; i < length; i++) {
        bytes |= (MemoryUtil.getByte(address + i) & 0xFFL) << (i * 8);
      }
    }
    return bytes | (long) length << 56;
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

  /**
   * Whether the {@code length} bytes at {@code address} are a member; the caller checked that
   * {@code readable} bytes (at least {@code length}) from {@code address} lie within the buffer.
   */
  boolean contains(long address, int length, long readable) {
    if (length <= PACKED_LENGTH) {
      return packedKeys.contains(pack(address, length, readable));
    }
    if (length > longest) {
      return false;
    }
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
