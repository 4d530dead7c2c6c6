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
  private long[] counts = new long[0];
  private double[] values;

  DoubleSumAccumulator(AggregateFunction function, int argument) {
    this.function = function;
    this.argument = argument;
  }

  @Override
  protected void grow(int capacity) {
    sums = Arrays.copyOf(sums, capacity);
    counts = Arrays.copyOf(counts, capacity);
  }

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {
    FieldVector vector = batch.column(argument);
    values = ColumnReaders.readDoubles(vector, rowCount, values);
    double[] values = this.values;
    double[] sums = this.sums;
    long[] counts = this.counts;
    boolean hasNulls = vector.getNullCount() > 0;
    for (int row = 0; row < rowCount; row++) {
      if (hasNulls && vector.isNull(row)) {
        continue;
      }
      int group = groupIds[row];
      sums[group] += values[row];
      counts[group]++;
    }
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    DoubleSumAccumulator partial = (DoubleSumAccumulator) other;
    for (int group = 0; group < otherGroupCount; group++) {
      sums[groupMapping[group]] += partial.sums[group];
      counts[groupMapping[group]] += partial.counts[group];
    }
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int i = 0; i < count; i++) {
      double sum = sums[first + i];
      long rows = counts[first + i];
      if (rows == 0 && function != AggregateFunction.SUM0) {
        target.setNull(i);
      } else {
        ResultWriter.writeDouble(target, type, i,
            function == AggregateFunction.AVG ? sum / rows : sum);
      }
    }
  }
}
