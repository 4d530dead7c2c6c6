package dev.salvo.exec.expr;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A compiled expression that computes one output vector from a whole input batch. Instances are
 * immutable and safe to share between drivers.
 */
public interface VectorExpression {
  /**
   * Evaluates over every row of {@code input}. The returned vector has {@code input.rowCount()}
   * values, is allocated from {@code allocator}, and belongs to the caller, who must close it.
   * The input batch is only read, never closed.
   *
   * @throws dev.salvo.exec.error.SalvoException on a data error (overflow, division by zero,
   *     bad cast) naming the value, or when the allocator's memory limit is reached
   */
  FieldVector evaluate(Batch input, BufferAllocator allocator);

  DataType type();
}
