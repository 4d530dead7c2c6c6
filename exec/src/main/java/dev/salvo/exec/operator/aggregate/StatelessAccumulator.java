package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;

/**
 * An accumulator that keeps no state of its own, so adding and merging rows does nothing: its
 * results come from the call alone or from another accumulator's state.
 */
abstract class StatelessAccumulator implements Accumulator {
  @Override
  public final void ensureCapacity(int groupCount) {}

  @Override
  public final void add(int[] groupIds, Batch batch, int rowCount) {}

  @Override
  public final void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {}
}
