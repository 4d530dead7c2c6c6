package dev.salvo.exec.expr.conditional;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.RowSelection;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * CASE WHEN c1 THEN r1 ... ELSE e END. Each condition is evaluated only on the rows no earlier
 * condition took, and each result only on the rows that selected it, so a branch never raises an
 * error for a row it does not produce.
 */
final class CaseExpression implements VectorExpression {
  private final List<VectorExpression> conditions;
  private final List<VectorExpression> results;
  private final List<BitSet> conditionColumns;
  private final List<BitSet> resultColumns;
  private final DataType type;

  /** {@code results} has one entry per condition plus the ELSE result, all of {@code type}. */
  CaseExpression(List<VectorExpression> conditions, List<VectorExpression> results,
      List<BitSet> conditionColumns, List<BitSet> resultColumns, DataType type) {
    this.conditions = List.copyOf(conditions);
    this.results = List.copyOf(results);
    this.conditionColumns = List.copyOf(conditionColumns);
    this.resultColumns = List.copyOf(resultColumns);
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    int[] remaining = RowSelection.allRows(rowCount);
    int remainingCount = rowCount;
    try (BranchResults branches = new BranchResults(rowCount)) {
      for (int k = 0; k < conditions.size() && remainingCount > 0; k++) {
        int[] selected = new int[remainingCount];
        int selectedCount = 0;
        int[] rest = new int[remainingCount];
        int restCount = 0;
        try (FieldVector condition = RowSelection.evaluate(conditions.get(k),
            conditionColumns.get(k), input, remaining, remainingCount, allocator)) {
          ArrowBuf validity = condition.getValidityBuffer();
          ArrowBuf values = condition.getDataBuffer();
          for (int j = 0; j < remainingCount; j++) {
            if (Vectors.isSet(validity, j) && Vectors.isSet(values, j)) {
              selected[selectedCount++] = remaining[j];
            } else {
              rest[restCount++] = remaining[j];
            }
          }
        }
        if (selectedCount > 0) {
          branches.add(RowSelection.evaluate(results.get(k), resultColumns.get(k), input,
              selected, selectedCount, allocator), selected, selectedCount);
        }
        remaining = rest;
        remainingCount = restCount;
      }
      if (remainingCount > 0) {
        int last = results.size() - 1;
        branches.add(RowSelection.evaluate(results.get(last), resultColumns.get(last), input,
            remaining, remainingCount, allocator), remaining, remainingCount);
      }
      return branches.assemble(type, allocator);
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
