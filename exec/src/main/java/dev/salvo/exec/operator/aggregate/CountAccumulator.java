package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.DataType;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * COUNT(*) (no arguments) or COUNT(x, ...) counting the rows where every argument is non-null:
 * the group's rows less those it skipped.
 */
final class CountAccumulator extends GrowableAccumulator {
  private final int[] arguments;
  private final GroupRows groupRows;
  /** Per group, the rows with a NULL argument. */
  private long[] skipped = new long[0];

  CountAccumulator(int[] arguments, GroupRows groupRows) {
    this.arguments = arguments;
    this.groupRows = groupRows;
  }

  @Override
  protected void grow(int capacity) {
    skipped = Arrays.copyOf(skipped, capacity);
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
    for (int row = 0; nullable > 0 && row < rowCount; row++) {
      for (int i = 0; i < nullable; i++) {
        if (vectors[i].isNull(row)) {
          skipped[groupIds[row]]++;
          break;
        }
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    long[] otherSkipped = ((CountAccumulator) other).skipped;
    for (int group = 0; group < otherGroupCount; group++) {
      skipped[groupMapping[group]] += otherSkipped[group];
    }
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int i = 0; i < count; i++) {
      ResultWriter.writeLong(target, type, i, groupRows.count(first + i) - skipped[first + i]);
    }
  }
}
