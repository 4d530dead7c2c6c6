package dev.salvo.exec.expr.conditional;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.RowSelection;
import dev.salvo.exec.type.DataType;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** COALESCE(a, b, ...): each argument is evaluated only on the rows every earlier one left NULL. */
final class CoalesceExpression implements VectorExpression {
  private final List<VectorExpression> arguments;
  private final List<BitSet> argumentColumns;
  private final DataType type;

  CoalesceExpression(List<VectorExpression> arguments, List<BitSet> argumentColumns,
      DataType type) {
    this.arguments = List.copyOf(arguments);
    this.argumentColumns = List.copyOf(argumentColumns);
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    int[] remaining = RowSelection.allRows(rowCount);
    int remainingCount = rowCount;
    try (BranchResults branches = new BranchResults(rowCount)) {
      for (int k = 0; k < arguments.size() && remainingCount > 0; k++) {
        FieldVector value = RowSelection.evaluate(arguments.get(k), argumentColumns.get(k), input,
            remaining, remainingCount, allocator);
        int[] taken = new int[remainingCount];
        int takenCount = 0;
        int[] rest = new int[remainingCount];
        int restCount = 0;
        int[] positions = new int[remainingCount];
        for (int j = 0; j < remainingCount; j++) {
          if (value.isNull(j)) {
            rest[restCount++] = remaining[j];
          } else {
            positions[takenCount] = j;
            taken[takenCount++] = remaining[j];
          }
        }
        branches.add(value, taken, takenCount, positions);
        remaining = rest;
        remainingCount = restCount;
      }
      return branches.assemble(type, allocator);
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
