package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Vectors;
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
    if (equalityOnly && constant.length <= 8) {
      equalsShortConstant(dataAddress, capacity, offsets, constant, out, rowCount);
      return;
    }
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

  /**
   * = or <> against a constant of at most 8 bytes, such as a one-letter flag: each value is
   * equal when its length is the constant's and its first word, masked to that length, is the
   * constant's word; no branch per row, 64 results written at once. A value within the last 8
   * bytes of the buffer is read byte by byte.
   */
  private void equalsShortConstant(long dataAddress, long capacity, long offsets,
      byte[] constant, long out, int rowCount) {
    long constantWord = 0;
    for (int i = 0; i < constant.length; i++) {
      constantWord |= (constant[i] & 0xFFL) << (i * 8);
    }
    long wordMask = constant.length == 8 ? -1L : (1L << (constant.length * 8)) - 1;
    int constantLength = constant.length;
    long whenEqual = (mask & EQUAL) != 0 ? 1 : 0;
    int end = MemoryUtil.getInt(offsets);
    for (int base = 0; base < rowCount; base += 64) {
      int stop = Math.min(base + 64, rowCount);
      long word = 0;
      for (int i = base; i < stop; i++) {
        int start = end;
        end = MemoryUtil.getInt(offsets + ((long) (i + 1) << 2));
        if (start < 0 || end < start || end > capacity) {
          CheckedRange.valueLength(offsets, i, capacity); // throws
        }
        long value = start + 8L <= capacity ? MemoryUtil.getLong(dataAddress + start)
            : Vectors.prefixWord(dataAddress, start, end - start, capacity);
        long equal = (end - start == constantLength) & ((value & wordMask) == constantWord)
            ? 1 : 0;
        word |= (equal ^ whenEqual ^ 1) << (i - base);
      }
      Vectors.putBits(out, base, stop, word);
    }
  }
}
