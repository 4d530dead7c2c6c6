package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.vector.FieldVector;

/**
 * A SUM or AVG of a decimal column that another accumulator of the same aggregation already adds
 * up: it keeps no state, and writes its results from that one's sums and counts. The other
 * accumulator adds and merges the rows, once for both.
 */
final class SharedSumAccumulator extends StatelessAccumulator {
  private final DecimalSumAccumulator sums;
  private final AggregateFunction function;

  SharedSumAccumulator(DecimalSumAccumulator sums, AggregateFunction function) {
    this.sums = sums;
    this.function = function;
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    sums.write(target, type, first, count, function);
  }
}
