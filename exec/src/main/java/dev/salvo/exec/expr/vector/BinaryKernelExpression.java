package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A binary kernel over fixed-width values: both operands are evaluated (constants stay scalar),
 * the result is NULL where either operand is, and the subclass computes the other rows.
 */
public abstract class BinaryKernelExpression implements VectorExpression {
  protected final VectorExpression left;
  protected final VectorExpression right;
  protected final DataType type;

  protected BinaryKernelExpression(VectorExpression left, VectorExpression right, DataType type) {
    this.left = left;
    this.right = right;
    this.type = type;
  }

  @Override
  public final FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand l = Operand.of(left, input, allocator);
        Operand r = Operand.of(right, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, l.vector(), r.vector());
        compute(l, r, validity, output.getDataBuffer(), rowCount);
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  /** Writes into {@code out} the value of every row whose bit is set in {@code validity}. */
  protected abstract void compute(Operand l, Operand r, ArrowBuf validity, ArrowBuf out,
      int rowCount);

  @Override
  public final DataType type() {
    return type;
  }
}
