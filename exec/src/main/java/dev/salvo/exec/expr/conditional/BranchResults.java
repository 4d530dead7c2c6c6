package dev.salvo.exec.expr.conditional;

import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Collects the vectors that branches computed for subsets of the rows and assembles the output
 * in row order (variable-width vectors can only be written in order). Closing it closes every
 * branch vector.
 */
final class BranchResults implements AutoCloseable {
  private static final int NO_BRANCH = -1;

  private final List<FieldVector> vectors = new ArrayList<>();
  private final int[] branchOfRow;
  private final int[] positionInBranch;

  BranchResults(int rowCount) {
    branchOfRow = new int[rowCount];
    positionInBranch = new int[rowCount];
    Arrays.fill(branchOfRow, NO_BRANCH);
  }

  /** Records that value {@code j} of {@code vector} is the result for row {@code rows[j]}. */
  void add(FieldVector vector, int[] rows, int count) {
    vectors.add(vector);
    int branch = vectors.size() - 1;
    for (int j = 0; j < count; j++) {
      branchOfRow[rows[j]] = branch;
      positionInBranch[rows[j]] = j;
    }
  }

  /** Records that value {@code positions[j]} of {@code vector} is the result for row {@code rows[j]}. */
  void add(FieldVector vector, int[] rows, int count, int[] positions) {
    vectors.add(vector);
    int branch = vectors.size() - 1;
    for (int j = 0; j < count; j++) {
      branchOfRow[rows[j]] = branch;
      positionInBranch[rows[j]] = positions[j];
    }
  }

  private boolean firstBranchIsEveryRowInOrder() {
    if (vectors.size() != 1 || vectors.get(0).getValueCount() != branchOfRow.length) {
      return false;
    }
    for (int row = 0; row < branchOfRow.length; row++) {
      if (branchOfRow[row] != 0 || positionInBranch[row] != row) {
        return false;
      }
    }
    return true;
  }

  /**
   * The output vector. When one branch produced every row in order it is handed over as is
   * instead of being copied.
   */
  FieldVector assemble(DataType type, BufferAllocator allocator) {
    int rowCount = branchOfRow.length;
    if (firstBranchIsEveryRowInOrder()) {
      return vectors.remove(0);
    }
    FieldVector output = Vectors.allocate(type, rowCount, allocator);
    try {
      for (int row = 0; row < rowCount; row++) {
        int branch = branchOfRow[row];
        if (branch != NO_BRANCH) {
          output.copyFromSafe(positionInBranch[row], row, vectors.get(branch));
        }
      }
      output.setValueCount(rowCount);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    }
  }

  @Override
  public void close() {
    vectors.forEach(FieldVector::close);
    vectors.clear();
  }
}
