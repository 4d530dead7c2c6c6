package dev.salvo.exec.expr.nested;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code =}, {@code <>} and IS [NOT] DISTINCT FROM between two ARRAYs or two ROWs, row by row on
 * the values' Java form: nested values are compared component by component, and the per-row
 * cost of that walk dominates any buffer-level trick. A NULL ARRAY or ROW makes {@code =} NULL,
 * but NULL components match each other ({@code ARRAY[1, NULL] = ARRAY[1, NULL]} is TRUE), as
 * in Calcite's constant folding and DuckDB, so that a folded and an evaluated comparison agree.
 */
record NestedEqualityExpression(ScalarFunction function, VectorExpression left,
    VectorExpression right) implements VectorExpression {

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand leftValues = Operand.of(left, input, allocator);
        Operand rightValues = Operand.of(right, input, allocator)) {
      BitVector output = new BitVector("expr", allocator);
      try {
        output.allocateNew(Math.max(rowCount, 1));
        for (int row = 0; row < rowCount; row++) {
          Boolean result = compare(leftValues.value(row), rightValues.value(row));
          if (result != null) {
            output.set(row, result ? 1 : 0);
          }
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private Boolean compare(Object leftValue, Object rightValue) {
    return switch (function) {
      case IS_NOT_DISTINCT_FROM -> NestedValues.notDistinct(leftValue, rightValue);
      case IS_DISTINCT_FROM -> !NestedValues.notDistinct(leftValue, rightValue);
      default -> {
        if (leftValue == null || rightValue == null) {
          yield null;
        }
        boolean equal = NestedValues.notDistinct(leftValue, rightValue);
        yield function == ScalarFunction.EQUAL ? equal : !equal;
      }
    };
  }

  @Override
  public DataType type() {
    boolean strict = function == ScalarFunction.EQUAL || function == ScalarFunction.NOT_EQUAL;
    return DataType.BOOLEAN.withNullable(strict);
  }
}
