package dev.salvo.exec.expr;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.util.Collections;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/** Turns an {@link Expression} tree into a {@link VectorExpression}. */
public final class ExpressionCompiler {
  private ExpressionCompiler() {}

  public static VectorExpression compile(Expression expression) {
    if (expression instanceof ColumnReference column) {
      return new VectorExpression() {
        @Override
        public FieldVector evaluate(Batch input, BufferAllocator allocator) {
          FieldVector source = input.column(column.index());
          TransferPair copy = source.getTransferPair(allocator);
          copy.splitAndTransfer(0, input.rowCount());
          return (FieldVector) copy.getTo();
        }

        @Override
        public DataType type() {
          return column.type();
        }
      };
    }
    if (expression instanceof Literal literal) {
      return new VectorExpression() {
        @Override
        public FieldVector evaluate(Batch input, BufferAllocator allocator) {
          return VectorValues.vectorOf("literal", literal.type(),
              Collections.nCopies(input.rowCount(), literal.value()), allocator);
        }

        @Override
        public DataType type() {
          return literal.type();
        }
      };
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Not supported yet: " + expression);
  }
}
