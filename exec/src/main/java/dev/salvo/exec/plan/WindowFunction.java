package dev.salvo.exec.plan;

/** The functions a {@link WindowNode} computes over each row's partition or frame. */
public enum WindowFunction {
  /** 1, 2, 3, ... in partition order; ties numbered in arrival order. */
  ROW_NUMBER,
  /** One plus the number of rows before the row's peers. */
  RANK,
  /** One plus the number of distinct peer groups before the row's. */
  DENSE_RANK,
  /** (RANK - 1) / (partition rows - 1), 0 for a one-row partition. */
  PERCENT_RANK,
  /** Rows up to and including the row's last peer, divided by the partition rows. */
  CUME_DIST,
  /** The bucket 1..n of the row when the partition is cut into n nearly equal buckets. */
  NTILE,
  /** The argument {@code offset} rows before, or the default outside the partition. */
  LAG,
  /** The argument {@code offset} rows after, or the default outside the partition. */
  LEAD,
  /** The argument at the first row of the frame, NULL for an empty frame. */
  FIRST_VALUE,
  /** The argument at the last row of the frame, NULL for an empty frame. */
  LAST_VALUE,
  /** Over the frame, as the aggregate functions of the same name. */
  COUNT,
  SUM,
  SUM0,
  AVG,
  MIN,
  MAX;

  /** Whether the function reads the frame (the others look at the partition and peers only). */
  public boolean usesFrame() {
    return switch (this) {
      case FIRST_VALUE, LAST_VALUE, COUNT, SUM, SUM0, AVG, MIN, MAX -> true;
      default -> false;
    };
  }
}
