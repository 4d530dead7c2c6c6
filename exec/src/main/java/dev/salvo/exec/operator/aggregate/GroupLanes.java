package dev.salvo.exec.operator.aggregate;

import java.util.Arrays;

/**
 * Scratch per-group totals of one batch, each group spread over four lanes by row number.
 *
 * <p>Adding row after row into one slot per group makes each add wait for the store of the
 * previous row of that group, and a batch of an aggregation with few groups (TPC-H Q1 has
 * four) is mostly such runs. Rows {@code r} and {@code r + 1} land in different lanes, so up to
 * four adds are under way at once; the lanes are summed per group after the batch. Worth it
 * only while the lanes of every group fit in a cache line or two, hence {@link #MAX_GROUPS}.
 */
final class GroupLanes {
  static final int LANES = 4;
  /** Above this many groups the scratch outgrows the cache and rows rarely repeat a group. */
  static final int MAX_GROUPS = 256;

  private long[] longs = new long[0];
  private int[] ints = new int[0];

  static boolean applies(int groupCount) {
    return groupCount <= MAX_GROUPS;
  }

  /** Slot of {@code row} of {@code group}. */
  static int slot(int group, int row) {
    return (group << 2) | (row & (LANES - 1));
  }

  /** Zeroed long lanes for groups {@code [0, groupCount)}. */
  long[] longLanes(int groupCount) {
    int size = groupCount * LANES;
    if (longs.length < size) {
      longs = new long[size];
    } else {
      Arrays.fill(longs, 0, size, 0);
    }
    return longs;
  }

  /** Zeroed int lanes for groups {@code [0, groupCount)}. */
  int[] intLanes(int groupCount) {
    int size = groupCount * LANES;
    if (ints.length < size) {
      ints = new int[size];
    } else {
      Arrays.fill(ints, 0, size, 0);
    }
    return ints;
  }

  /** The batch's total of {@code group}; the caller made sure it fits. */
  static long total(long[] lanes, int group) {
    int first = group << 2;
    return lanes[first] + lanes[first + 1] + lanes[first + 2] + lanes[first + 3];
  }

  static int total(int[] lanes, int group) {
    int first = group << 2;
    return lanes[first] + lanes[first + 1] + lanes[first + 2] + lanes[first + 3];
  }
}
