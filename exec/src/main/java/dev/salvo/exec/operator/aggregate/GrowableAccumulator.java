package dev.salvo.exec.operator.aggregate;

/** Grows the per-group arrays of an accumulator geometrically. */
abstract class GrowableAccumulator implements Accumulator {
  private int capacity;

  @Override
  public final void ensureCapacity(int groupCount) {
    groupsNow(groupCount);
    if (groupCount > capacity) {
      capacity = Math.max(groupCount, Math.max(16, capacity * 2));
      grow(capacity);
    }
  }

  /** Called with the aggregation's group count before each batch is added; most ignore it. */
  protected void groupsNow(int groupCount) {}

  /** Resizes every per-group array to {@code capacity}, keeping the values. */
  protected abstract void grow(int capacity);
}
