package dev.salvo.exec.expr.compare;

/**
 * An immutable open-addressing set of longs, so that IN lookups do not box. A set of a few
 * values is searched from end to end instead: a handful of comparisons without branches beats
 * hashing and a probe whose branches depend on the value.
 */
final class LongHashSet {
  private static final int MOST_SEARCHED = 8;

  /** The values of a small set, or null. */
  private final long[] few;
  private final long[] keys;
  private final boolean[] used;
  private final int mask;

  LongHashSet(long[] values) {
    few = values.length <= MOST_SEARCHED ? values.clone() : null;
    int capacity = Integer.highestOneBit(Math.max(values.length, 1) * 2 + 1) << 1;
    keys = new long[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
    for (long value : values) {
      int slot = slot(value);
      while (used[slot] && keys[slot] != value) {
        slot = (slot + 1) & mask;
      }
      used[slot] = true;
      keys[slot] = value;
    }
  }

  private int slot(long value) {
    long hash = value * 0x9E3779B97F4A7C15L;
    return (int) (hash ^ (hash >>> 32)) & mask;
  }

  boolean contains(long value) {
    if (few != null) {
      boolean found = false;
      for (long key : few) {
        found |= key == value;
      }
      return found;
    }
    int slot = slot(value);
    while (used[slot]) {
      if (keys[slot] == value) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }
}
