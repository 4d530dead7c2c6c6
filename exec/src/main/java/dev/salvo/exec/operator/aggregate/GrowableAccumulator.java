package dev.salvo.exec.operator.aggregate;

/** Grows the per-group arrays of an accumulator geometrically. */
abstract class GrowableAccumulator implements Accumulator {
  private int capacity;

  @Override
  public final void ensureCapacity(int groupCount) {
    if (groupCount > capacity) {
      capacity = Math.max(groupCount, Math.max(16, capacity * 2));
      grow(capacity);
    }
  }

  /** Resizes every per-group array to {@code capacity}, keeping the values. */
  protected abstract void grow(int capacity);
}
