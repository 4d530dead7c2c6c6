package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM, SUM0 and AVG over DECIMAL arguments, exact. A group's sum is a long plus, once that long
 * would overflow or a value does not fit one, a BigInteger that takes the overflowing part: the
 * hot loop only ever adds longs, whatever the declared precision.
 */
final class DecimalSumAccumulator extends GrowableAccumulator {
  private final AggregateFunction function;
  private final int argument;
  private final int scale;
  private long[] sums = new long[0];
  /** Null unless the group's sum left the long range; the sum is then this plus the long. */
  private BigInteger[] bigSums = new BigInteger[0];
  /** Per group, the rows with a NULL argument; the others count toward AVG and SUM's NULL. */
  private long[] skipped = new long[0];
  private final GroupRows groupRows;
  private final GroupLanes lanes = new GroupLanes();
  /** The aggregation's group count, as of the last {@link #ensureCapacity} before an add. */
  private int groupCount;

  DecimalSumAccumulator(AggregateFunction function, int argument, int scale,
      GroupRows groupRows) {
    this.function = function;
    this.argument = argument;
    this.scale = scale;
    this.groupRows = groupRows;
  }

  @Override
  protected void groupsNow(int groupCount) {
    this.groupCount = groupCount;
  }

  @Override
  protected void grow(int capacity) {
    sums = Arrays.copyOf(sums, capacity);
    bigSums = Arrays.copyOf(bigSums, capacity);
    skipped = Arrays.copyOf(skipped, capacity);
  }

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {
    FieldVector vector = batch.column(argument);
    ArrowBuf data = vector.getDataBuffer();
    long[] sums = this.sums;
    boolean hasNulls = vector.getNullCount() > 0;
    long address = CheckedRange.address(data, (long) rowCount * 16);
    if (!hasNulls && GroupLanes.applies(groupCount) && addInLanes(groupIds, address, rowCount)) {
      return;
    }
    for (int row = 0; row < rowCount; row++) {
      int group = groupIds[row];
      if (hasNulls && vector.isNull(row)) {
        skipped[group]++;
        continue;
      }
      long low = MemoryUtil.getLong(address + (long) row * 16);
      long high = MemoryUtil.getLong(address + (long) row * 16 + 8);
      if (high != (low >> 63)) {
        addBig(group, ColumnReaders.toBigInteger(low, high));
        continue;
      }
      sums[group] = addToLong(group, sums[group], low);
    }
  }

  /**
   * The batch's sums per group in lanes, without a check per row: whether a value is wider
   * than a long, or so large that the batch's total could overflow one, is gathered in two
   * words and tested once at the end. False (nothing added) when either happened; the caller
   * then adds the batch row by row.
   */
  private boolean addInLanes(int[] groupIds, long address, int rowCount) {
    long[] batchSums = lanes.longLanes(groupCount);
    long wide = 0;
    long magnitude = 0;
    for (int row = 0; row < rowCount; row++) {
      long low = MemoryUtil.getLong(address + (long) row * 16);
      long high = MemoryUtil.getLong(address + (long) row * 16 + 8);
      wide |= high ^ (low >> 63);
      magnitude |= low ^ (low >> 63);
      batchSums[GroupLanes.slot(groupIds[row], row)] += low;
    }
    // Each |value| <= magnitude + 1 <= MAX / rowCount, so no group's total leaves the long range.
    if (wide != 0 || magnitude >= Long.MAX_VALUE / Math.max(1, rowCount)) {
      return false;
    }
    long[] sums = this.sums;
    for (int group = 0; group < groupCount; group++) {
      long total = GroupLanes.total(batchSums, group);
      if (total != 0) {
        sums[group] = addToLong(group, sums[group], total);
      }
    }
    return true;
  }

  /** {@code sum + value}, or {@code value} after moving {@code sum} to the group's BigInteger. */
  private long addToLong(int group, long sum, long value) {
    long result = sum + value;
    if (((sum ^ result) & (value ^ result)) >= 0) {
      return result;
    }
    addBig(group, BigInteger.valueOf(sum));
    return value;
  }

  private void addBig(int group, BigInteger value) {
    bigSums[group] = bigSums[group] == null ? value : bigSums[group].add(value);
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    DecimalSumAccumulator partial = (DecimalSumAccumulator) other;
    for (int group = 0; group < otherGroupCount; group++) {
      int target = groupMapping[group];
      skipped[target] += partial.skipped[group];
      if (partial.bigSums[group] != null) {
        addBig(target, partial.bigSums[group]);
      }
      sums[target] = addToLong(target, sums[target], partial.sums[group]);
    }
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    write(target, type, first, count, function);
  }

  /** Writes the groups' results as {@code function} (SUM, SUM0 or AVG) of these sums. */
  void write(FieldVector target, DataType type, int first, int count,
      AggregateFunction function) {
    for (int i = 0; i < count; i++) {
      int group = first + i;
      long rows = groupRows.count(group) - skipped[group];
      if (rows == 0 && function != AggregateFunction.SUM0) {
        target.setNull(i);
        continue;
      }
      if (function != AggregateFunction.AVG && bigSums[group] == null) {
        ResultWriter.writeUnscaledDecimal(target, type, i, sums[group], scale);
        continue;
      }
      BigDecimal sum = bigSums[group] != null
          ? new BigDecimal(bigSums[group].add(BigInteger.valueOf(sums[group])), scale)
          : BigDecimal.valueOf(sums[group], scale);
      if (function != AggregateFunction.AVG) {
        ResultWriter.writeDecimal(target, type, i, sum);
      } else if (type.kind() == TypeKind.DECIMAL) {
        ResultWriter.writeDecimal(target, type, i,
            sum.divide(BigDecimal.valueOf(rows), type.scale(), RoundingMode.HALF_UP));
      } else if (type.kind().isInteger()) {
        ResultWriter.writeDecimal(target, type, i,
            sum.divide(BigDecimal.valueOf(rows), 0, RoundingMode.DOWN));
      } else {
        ResultWriter.writeDouble(target, type, i, sum.doubleValue() / rows);
      }
    }
  }
}
