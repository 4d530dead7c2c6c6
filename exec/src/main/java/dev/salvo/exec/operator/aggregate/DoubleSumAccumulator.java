package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.DataType;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/** SUM, SUM0 and AVG over REAL and DOUBLE arguments. */
final class DoubleSumAccumulator extends GrowableAccumulator {
  private final AggregateFunction function;
  private final int argument;
  private double[] sums = new double[0];
  /** Per group, the rows with a NULL argument; the others count toward AVG and SUM's NULL. */
  private long[] skipped = new long[0];
  private final GroupRows groupRows;
  private double[] values;

  DoubleSumAccumulator(AggregateFunction function, int argument, GroupRows groupRows) {
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
    values = ColumnReaders.readDoubles(vector, rowCount, values);
    double[] values = this.values;
    double[] sums = this.sums;
    boolean hasNulls = vector.getNullCount() > 0;
    for (int row = 0; row < rowCount; row++) {
      int group = groupIds[row];
      if (hasNulls && vector.isNull(row)) {
        skipped[group]++;
        continue;
      }
      sums[group] += values[row];
    }
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    DoubleSumAccumulator partial = (DoubleSumAccumulator) other;
    for (int group = 0; group < otherGroupCount; group++) {
      sums[groupMapping[group]] += partial.sums[group];
      skipped[groupMapping[group]] += partial.skipped[group];
    }
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int i = 0; i < count; i++) {
      double sum = sums[first + i];
      long rows = groupRows.count(first + i) - skipped[first + i];
      if (rows == 0 && function != AggregateFunction.SUM0) {
        target.setNull(i);
      } else {
        ResultWriter.writeDouble(target, type, i,
            function == AggregateFunction.AVG ? sum / rows : sum);
      }
    }
  }
}
