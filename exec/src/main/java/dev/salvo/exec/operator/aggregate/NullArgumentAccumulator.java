package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.vector.FieldVector;

/** SUM, AVG, MIN or MAX of an argument of the NULL type: NULL (SUM0: zero) for every group. */
final class NullArgumentAccumulator implements Accumulator {
  private final AggregateFunction function;

  NullArgumentAccumulator(AggregateFunction function) {
    this.function = function;
  }

  @Override
  public void ensureCapacity(int groupCount) {}

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {}

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {}

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int i = 0; i < count; i++) {
      if (function == AggregateFunction.SUM0) {
        ResultWriter.writeLong(target, type, i, 0);
      } else {
        target.setNull(i);
      }
    }
  }
}
