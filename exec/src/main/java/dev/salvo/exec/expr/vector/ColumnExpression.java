package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Reads input column {@code index}. Kernels read the column in place (see {@link Operand});
 * {@link #evaluate} hands out a copy that shares the column's buffers.
 */
public record ColumnExpression(int index, DataType type) implements VectorExpression {
  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    FieldVector source = input.column(index);
    TransferPair copy = source.getTransferPair(allocator);
    copy.splitAndTransfer(0, input.rowCount());
    return (FieldVector) copy.getTo();
  }
}
