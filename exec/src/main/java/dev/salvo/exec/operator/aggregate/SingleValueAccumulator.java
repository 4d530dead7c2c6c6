package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.vector.FieldVector;

/**
 * SINGLE_VALUE, how a scalar subquery that may find several rows is planned: a group's one
 * row's value (NULL for none), and an error for a group of more rows. The value is kept by a
 * MAX over the same argument, which over one row is that row's value.
 */
final class SingleValueAccumulator implements Accumulator {
  private final Accumulator value;
  private final GroupRows groupRows;

  SingleValueAccumulator(Accumulator value, GroupRows groupRows) {
    this.value = value;
    this.groupRows = groupRows;
  }

  @Override
  public void ensureCapacity(int groupCount) {
    value.ensureCapacity(groupCount);
  }

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {
    value.add(groupIds, batch, rowCount);
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    value.merge(((SingleValueAccumulator) other).value, groupMapping, otherGroupCount);
  }

  /** @throws SalvoException CARDINALITY_VIOLATION when a group holds more than one row */
  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    for (int group = first; group < first + count; group++) {
      long rows = groupRows.count(group);
      if (rows > 1) {
        throw new SalvoException(ErrorCode.CARDINALITY_VIOLATION,
            "A scalar subquery returned more than one row (" + rows + ")");
      }
    }
    value.write(target, type, first, count);
  }
}
