package dev.salvo.exec.operator.aggregate;

import java.util.Arrays;

/**
 * How many input rows each group of an aggregation has, counted once for all its accumulators:
 * those then count only the rows they skip (a NULL argument), which most batches have none of,
 * instead of each counting every row again (TPC-H Q1 has six counts of one group size).
 */
final class GroupRows {
  private long[] counts = new long[16];
  private final GroupLanes lanes = new GroupLanes();

  /** Counts rows {@code [0, rowCount)}, row r of group {@code groupIds[r]}. */
  void add(int[] groupIds, int rowCount, int groupCount) {
    ensureCapacity(groupCount);
    long[] counts = this.counts;
    if (GroupLanes.applies(groupCount)) {
      int[] batchCounts = lanes.intLanes(groupCount);
      for (int row = 0; row < rowCount; row++) {
        batchCounts[GroupLanes.slot(groupIds[row], row)]++;
      }
      for (int group = 0; group < groupCount; group++) {
        counts[group] += GroupLanes.total(batchCounts, group);
      }
      return;
    }
    for (int row = 0; row < rowCount; row++) {
      counts[groupIds[row]]++;
    }
  }

  /** Adds the counts of {@code other}: its group g is this group {@code groupMapping[g]}. */
  void merge(GroupRows other, int[] groupMapping, int otherGroupCount, int groupCount) {
    ensureCapacity(groupCount);
    for (int group = 0; group < otherGroupCount; group++) {
      counts[groupMapping[group]] += other.count(group);
    }
  }

  /** The rows of {@code group} so far. */
  long count(int group) {
    return group < counts.length ? counts[group] : 0;
  }

  private void ensureCapacity(int groupCount) {
    if (groupCount > counts.length) {
      counts = Arrays.copyOf(counts, Math.max(groupCount, counts.length * 2));
    }
  }
}
