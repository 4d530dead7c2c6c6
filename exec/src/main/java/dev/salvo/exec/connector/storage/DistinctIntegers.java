package dev.salvo.exec.connector.storage;

import java.util.BitSet;

/**
 * Watches one integer column while a data file is written and tells whether all its values were
 * distinct and non-null. Values are marked in a bitmap over their range, which suits the dense
 * surrogate keys tables usually have; a range wider than {@link #MOST_BITS} or a repeated value
 * ends the watch, so a column that is no key costs next to nothing after its first repeat.
 */
final class DistinctIntegers {
  /** 2^27 bits: at most 16 MiB of bitmap per watched column. */
  static final long MOST_BITS = 1L << 27;

  private final int column;
  private BitSet seen = new BitSet();
  private long base;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private boolean distinct = true;
  private boolean empty = true;

  DistinctIntegers(int column) {
    this.column = column;
  }

  int column() {
    return column;
  }

  boolean stillDistinct() {
    return distinct;
  }

  /** Records a null: a column with nulls is no key. */
  void addNull() {
    giveUp();
  }

  void add(long value) {
    if (!distinct) {
      return;
    }
    if (empty) {
      base = value;
      empty = false;
    }
    long newMin = Math.min(min, value);
    long newMax = Math.max(max, value);
    if (newMax - newMin < 0 || newMax - newMin >= MOST_BITS) {
      giveUp();
      return;
    }
    if (value < base) {
      rebase(value);
    }
    int bit = (int) (value - base);
    if (seen.get(bit)) {
      giveUp();
      return;
    }
    seen.set(bit);
    min = newMin;
    max = newMax;
  }

  /** The column's summary, or null when it is not a distinct, non-null, non-empty column. */
  UniqueColumn result() {
    return distinct && !empty ? new UniqueColumn(column, min, max) : null;
  }

  /**
   * Moves the bitmap's origin down to at most {@code value}, by whole 64-bit words and at least
   * doubling the span, so that values arriving in descending order rebase only log(n) times.
   */
  private void rebase(long value) {
    long[] words = seen.toLongArray();
    long neededWords = (base - value + 63) / 64;
    long shiftWords = Math.max(neededWords, words.length);
    long[] shifted = new long[(int) (words.length + shiftWords)];
    System.arraycopy(words, 0, shifted, (int) shiftWords, words.length);
    seen = BitSet.valueOf(shifted);
    base -= shiftWords * 64;
  }

  private void giveUp() {
    distinct = false;
    seen = null;
  }
}
