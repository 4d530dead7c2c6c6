package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.vector.FieldVector;

/** SUM, AVG, MIN or MAX of an argument of the NULL type: NULL (SUM0: zero) for every group. */
final class NullArgumentAccumulator extends StatelessAccumulator {
  private final AggregateFunction function;

  NullArgumentAccumulator(AggregateFunction function) {
    this.function = function;
  }

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
