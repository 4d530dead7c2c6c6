package dev.salvo.exec.expr.string;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** CHAR_LENGTH: characters (code points), counted as the UTF-8 bytes that start one. */
final class CharLengthExpression implements VectorExpression {
  private final VectorExpression value;
  private final DataType type;

  CharLengthExpression(VectorExpression value, DataType type) {
    this.value = value;
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand values = Operand.materialized(value, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, values.vector());
        ArrowBuf offsets = values.vector().getOffsetBuffer();
        ArrowBuf data = values.vector().getDataBuffer();
        ArrowBuf out = output.getDataBuffer();
        int width = Vectors.longWidth(type.kind());
        for (int i = 0; i < rowCount; i++) {
          if (!Vectors.isSet(validity, i)) {
            continue;
          }
          int start = offsets.getInt((long) i << 2);
          int end = offsets.getInt((long) (i + 1) << 2);
          long characters = 0;
          for (int b = start; b < end; b++) {
            if ((data.getByte(b) & 0xC0) != 0x80) { // not a continuation byte
              characters++;
            }
          }
          Vectors.writeLong(out, width, i, characters);
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
