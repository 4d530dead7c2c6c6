package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.vector.FieldVector;

/**
 * The per-group state of one aggregate call, kept in primitive arrays indexed by group id.
 * Each driver has its own instances (a partial aggregation); at the end of the pipeline the
 * partial states are merged into one.
 */
interface Accumulator {
  /** Makes room for groups {@code [0, groupCount)}. */
  void ensureCapacity(int groupCount);

  /** Adds rows {@code [0, rowCount)} of {@code batch}; row r belongs to group {@code groupIds[r]}. */
  void add(int[] groupIds, Batch batch, int rowCount);

  /**
   * Adds the state of {@code other} (same class and call): its group g goes into this group
   * {@code groupMapping[g]}, for g in {@code [0, otherGroupCount)}.
   */
  void merge(Accumulator other, int[] groupMapping, int otherGroupCount);

  /**
   * Writes the results of groups {@code [first, first + count)} into rows 0.. of
   * {@code target}, which has room for {@code count} values and is of {@code type}.
   */
  void write(FieldVector target, DataType type, int first, int count);
}
