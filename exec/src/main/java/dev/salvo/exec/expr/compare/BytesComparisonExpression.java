package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/** Compares VARCHAR (UTF-8, so byte order is code point order) and VARBINARY values. */
final class BytesComparisonExpression extends ComparisonExpression {
  BytesComparisonExpression(VectorExpression left, VectorExpression right, int mask,
      NullHandling nullHandling) {
    super(left, right, mask, nullHandling);
  }

  @Override
  void compareVectors(FieldVector left, FieldVector right, long out, int rowCount) {
    ArrowBuf aOffsets = left.getOffsetBuffer();
    ArrowBuf aData = left.getDataBuffer();
    ArrowBuf bOffsets = right.getOffsetBuffer();
    ArrowBuf bData = right.getDataBuffer();
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int aStart = aOffsets.getInt((long) i << 2);
      int aEnd = aOffsets.getInt((long) (i + 1) << 2);
      int bStart = bOffsets.getInt((long) i << 2);
      int bEnd = bOffsets.getInt((long) (i + 1) << 2);
      int cmp = ByteComparisons.compare(aData, aStart, aEnd - aStart, bData, bStart,
          bEnd - bStart);
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }

  @Override
  void compareToConstant(FieldVector left, ConstantExpression right, long out,
      int rowCount) {
    if (rowCount == 0) {
      return; // an empty vector may have no offsets at all
    }
    ArrowBuf data = left.getDataBuffer();
    long capacity = data.capacity();
    long dataAddress = CheckedRange.address(data, capacity);
    long offsets = CheckedRange.address(left.getOffsetBuffer(), (rowCount + 1L) << 2);
    byte[] constant = right.value() instanceof byte[] bytes ? bytes
        : right.value().toString().getBytes(StandardCharsets.UTF_8);
    boolean equalityOnly = (mask & (LESS | GREATER)) == 0 || (mask & (LESS | GREATER))
        == (LESS | GREATER) && (mask & EQUAL) == 0;
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int length = CheckedRange.valueLength(offsets, i, capacity);
      long value = dataAddress + MemoryUtil.getInt(offsets + ((long) i << 2));
      int cmp = equalityOnly ? (ByteComparisons.equals(value, length, constant) ? 0 : 1)
          : ByteComparisons.compare(value, length, constant);
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }
}
