package dev.salvo.exec.operator.sort;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.type.RowType;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** Orders rows of batches by a list of ORDER BY keys, with their directions and NULL placement. */
final class RowComparator {
  private final int[] columns;
  private final boolean[] ascending;
  private final boolean[] nullsFirst;
  private final ValueComparators.ValueComparator[] comparators;

  RowComparator(List<SortKey> keys, RowType rowType) {
    int count = keys.size();
    columns = new int[count];
    ascending = new boolean[count];
    nullsFirst = new boolean[count];
    comparators = new ValueComparators.ValueComparator[count];
    for (int i = 0; i < count; i++) {
      SortKey key = keys.get(i);
      columns[i] = key.column();
      ascending[i] = key.ascending();
      nullsFirst[i] = key.nullsFirst();
      comparators[i] = ValueComparators.forType(rowType.type(key.column()));
    }
  }

  int compare(Batch left, int leftRow, Batch right, int rightRow) {
    for (int i = 0; i < columns.length; i++) {
      FieldVector leftVector = left.column(columns[i]);
      FieldVector rightVector = right.column(columns[i]);
      boolean leftNull = leftVector.isNull(leftRow);
      boolean rightNull = rightVector.isNull(rightRow);
      if (leftNull || rightNull) {
        if (leftNull && rightNull) {
          continue;
        }
        // NULLS FIRST / LAST is absolute: it does not flip with the direction.
        return leftNull == nullsFirst[i] ? -1 : 1;
      }
      int comparison = comparators[i].compare(leftVector, leftRow, rightVector, rightRow);
      if (comparison != 0) {
        return ascending[i] ? comparison : -comparison;
      }
    }
    return 0;
  }
}
