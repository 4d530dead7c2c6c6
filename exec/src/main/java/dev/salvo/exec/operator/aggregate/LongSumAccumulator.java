package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/** SUM, SUM0 and AVG over integer (and interval) arguments, summed in a long with overflow checks. */
final class LongSumAccumulator extends GrowableAccumulator {
  private final AggregateFunction function;
  private final int argument;
  private long[] sums = new long[0];
  /** Per group, the rows with a NULL argument; the others count toward AVG and SUM's NULL. */
  private long[] skipped = new long[0];
  private final GroupRows groupRows;
  private long[] values;

  LongSumAccumulator(AggregateFunction function, int argument, GroupRows groupRows) {
    this.function = function;
    this.argument = argument;
    this.groupRows = groupRows;
  }

  @Override
  protected void grow(int capacity) {
    sums = Arrays.copyOf(sums, capacity);
    skipped = Arrays.copyOf(skipped, capacity);
  }

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {
    FieldVector vector = batch.column(argument);
    values = ColumnReaders.readLongs(vector, rowCount, values);
    long[] values = this.values;
    long[] sums = this.sums;
    boolean hasNulls = vector.getNullCount() > 0;
    try {
      for (int row = 0; row < rowCount; row++) {
        int group = groupIds[row];
        if (hasNulls && vector.isNull(row)) {
          skipped[group]++;
          continue;
        }
        sums[group] = Math.addExact(sums[group], values[row]);
      }
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    LongSumAccumulator partial = (LongSumAccumulator) other;
    try {
      for (int group = 0; group < otherGroupCount; group++) {
        int target = groupMapping[group];
        sums[target] = Math.addExact(sums[target], partial.sums[group]);
        skipped[target] += partial.skipped[group];
      }
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  private SalvoException overflow() {
    return new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
        function + " of column $" + argument + " overflows BIGINT");
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int i = 0; i < count; i++) {
      long sum = sums[first + i];
      long rows = groupRows.count(first + i) - skipped[first + i];
      if (rows == 0 && function != AggregateFunction.SUM0) {
        target.setNull(i);
      } else if (function != AggregateFunction.AVG) {
        ResultWriter.writeLong(target, type, i, sum);
      } else if (type.kind().isInteger()) {
        // Integer AVG truncates toward zero, as Calcite's reference implementation does.
        ResultWriter.writeLong(target, type, i, sum / rows);
      } else if (type.kind() == TypeKind.DECIMAL) {
        ResultWriter.writeDecimal(target, type, i, BigDecimal.valueOf(sum)
            .divide(BigDecimal.valueOf(rows), type.scale(), RoundingMode.HALF_UP));
      } else {
        ResultWriter.writeDouble(target, type, i, (double) sum / rows);
      }
    }
  }
}
