package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.DataType;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/** COUNT(*) (no arguments) or COUNT(x, ...) counting the rows where every argument is non-null. */
final class CountAccumulator extends GrowableAccumulator {
  private final int[] arguments;
  private long[] counts = new long[0];

  CountAccumulator(int[] arguments) {
    this.arguments = arguments;
  }

  @Override
  protected void grow(int capacity) {
    counts = Arrays.copyOf(counts, capacity);
  }

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {
    FieldVector[] vectors = new FieldVector[arguments.length];
    int nullable = 0;
    for (int argument : arguments) {
      FieldVector vector = batch.column(argument);
      if (vector.getNullCount() > 0) {
        vectors[nullable++] = vector;
      }
    }
    long[] counts = this.counts;
    if (nullable == 0) {
      for (int row = 0; row < rowCount; row++) {
        counts[groupIds[row]]++;
      }
      return;
    }
    rows:
    for (int row = 0; row < rowCount; row++) {
      for (int i = 0; i < nullable; i++) {
        if (vectors[i].isNull(row)) {
          continue rows;
        }
      }
      counts[groupIds[row]]++;
    }
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    long[] otherCounts = ((CountAccumulator) other).counts;
    for (int group = 0; group < otherGroupCount; group++) {
      counts[groupMapping[group]] += otherCounts[group];
    }
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int i = 0; i < count; i++) {
      ResultWriter.writeLong(target, type, i, counts[first + i]);
    }
  }
}
