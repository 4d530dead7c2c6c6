package dev.salvo.exec.expr.logic;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.RowSelection;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * AND / OR of two or more operands in three-valued logic. A row is decided once an operand is
 * FALSE (AND) or TRUE (OR); an operand that may raise a data error is evaluated only on the rows
 * still undecided, so {@code x <> 0 AND 10 / x > 1} never divides by zero.
 */
final class ConnectiveExpression implements VectorExpression {
  private final boolean decisiveValue;
  private final List<VectorExpression> operands;
  private final List<BitSet> operandColumns;
  private final boolean[] operandCanFail;
  private final DataType type;

  /** {@code and} selects AND (decided by FALSE) rather than OR (decided by TRUE). */
  ConnectiveExpression(boolean and, List<VectorExpression> operands, List<BitSet> operandColumns,
      boolean[] operandCanFail, DataType type) {
    this.decisiveValue = !and;
    this.operands = List.copyOf(operands);
    this.operandColumns = List.copyOf(operandColumns);
    this.operandCanFail = operandCanFail.clone();
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    int bytes = Vectors.bitBytes(rowCount);
    byte[] decided = new byte[bytes];
    byte[] sawNull = new byte[bytes];
    int decidedCount = 0;
    for (int k = 0; k < operands.size() && decidedCount < rowCount; k++) {
      VectorExpression operand = operands.get(k);
      if (operand instanceof ConstantExpression constant) {
        applyConstant(constant, decided, sawNull, rowCount);
      } else if (operandCanFail[k] && decidedCount > 0) {
        applyToUndecided(k, input, allocator, decided, sawNull, rowCount, decidedCount);
      } else {
        try (Operand evaluated = Operand.materialized(operand, input, allocator)) {
          applyVector(evaluated.vector(), decided, sawNull, bytes);
        }
      }
      decidedCount = 0;
      for (int i = 0; i < bytes; i++) {
        decidedCount += Integer.bitCount(decided[i] & Vectors.byteMask(i, rowCount));
      }
    }
    FieldVector output = Vectors.allocate(type, rowCount, allocator);
    ArrowBuf validity = output.getValidityBuffer();
    ArrowBuf values = output.getDataBuffer();
    for (int i = 0; i < bytes; i++) {
      int mask = Vectors.byteMask(i, rowCount);
      int decidedBits = decided[i];
      int nullBits = sawNull[i] & ~decidedBits;
      validity.setByte(i, ~nullBits & mask);
      values.setByte(i, (decisiveValue ? decidedBits : ~(decidedBits | nullBits)) & mask);
    }
    output.setValueCount(rowCount);
    return output;
  }

  private void applyConstant(ConstantExpression constant, byte[] decided, byte[] sawNull,
      int rowCount) {
    if (constant.isNull()) {
      java.util.Arrays.fill(sawNull, (byte) 0xFF);
    } else if ((Boolean) constant.value() == decisiveValue) {
      java.util.Arrays.fill(decided, (byte) 0xFF);
    }
  }

  private void applyVector(FieldVector vector, byte[] decided, byte[] sawNull, int bytes) {
    ArrowBuf validity = vector.getValidityBuffer();
    ArrowBuf values = vector.getDataBuffer();
    for (int i = 0; i < bytes; i++) {
      int valid = validity.getByte(i);
      int value = values.getByte(i);
      int decisive = valid & (decisiveValue ? value : ~value);
      decided[i] |= (byte) decisive;
      sawNull[i] |= (byte) ~valid;
    }
  }

  private void applyToUndecided(int k, Batch input, BufferAllocator allocator, byte[] decided,
      byte[] sawNull, int rowCount, int decidedCount) {
    int[] rows = new int[rowCount - decidedCount];
    int count = 0;
    for (int i = 0; i < rowCount; i++) {
      if (((decided[i >>> 3] >> (i & 7)) & 1) == 0) {
        rows[count++] = i;
      }
    }
    try (FieldVector vector = RowSelection.evaluate(operands.get(k), operandColumns.get(k), input,
        rows, count, allocator)) {
      ArrowBuf validity = vector.getValidityBuffer();
      ArrowBuf values = vector.getDataBuffer();
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        if (!Vectors.isSet(validity, j)) {
          sawNull[row >>> 3] |= (byte) (1 << (row & 7));
        } else if (Vectors.isSet(values, j) == decisiveValue) {
          decided[row >>> 3] |= (byte) (1 << (row & 7));
        }
      }
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
