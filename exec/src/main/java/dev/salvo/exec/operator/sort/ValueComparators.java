package dev.salvo.exec.operator.sort;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.FieldVector;

/** Compares two non-null values of one SQL type, reading the vectors' buffers directly. */
public final class ValueComparators {
  private ValueComparators() {}

  /** Compares the value at {@code leftRow} of {@code left} with {@code rightRow} of {@code right}. */
  @FunctionalInterface
  public interface ValueComparator {
    int compare(FieldVector left, int leftRow, FieldVector right, int rightRow);
  }

  public static ValueComparator forType(DataType type) {
    return switch (type.kind()) {
      case NULL -> (left, leftRow, right, rightRow) -> 0;
      case BOOLEAN -> (left, leftRow, right, rightRow) ->
          Integer.compare(bit(left.getDataBuffer(), leftRow), bit(right.getDataBuffer(), rightRow));
      case TINYINT -> (left, leftRow, right, rightRow) -> Byte.compare(
          left.getDataBuffer().getByte(leftRow), right.getDataBuffer().getByte(rightRow));
      case SMALLINT -> (left, leftRow, right, rightRow) -> Short.compare(
          left.getDataBuffer().getShort(leftRow * 2L),
          right.getDataBuffer().getShort(rightRow * 2L));
      case INTEGER, DATE, TIME, INTERVAL_YEAR_MONTH -> (left, leftRow, right, rightRow) ->
          Integer.compare(left.getDataBuffer().getInt(leftRow * 4L),
              right.getDataBuffer().getInt(rightRow * 4L));
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> (left, leftRow, right, rightRow) ->
          Long.compare(left.getDataBuffer().getLong(leftRow * 8L),
              right.getDataBuffer().getLong(rightRow * 8L));
      case REAL -> (left, leftRow, right, rightRow) -> Float.compare(
          left.getDataBuffer().getFloat(leftRow * 4L),
          right.getDataBuffer().getFloat(rightRow * 4L));
      case DOUBLE -> (left, leftRow, right, rightRow) -> Double.compare(
          left.getDataBuffer().getDouble(leftRow * 8L),
          right.getDataBuffer().getDouble(rightRow * 8L));
      case DECIMAL -> ValueComparators::compareDecimal;
      case VARCHAR, VARBINARY -> ValueComparators::compareBytes;
      case ARRAY, ROW -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Ordering by a value of type " + type.sqlName() + " is not supported");
    };
  }

  private static int bit(ArrowBuf data, int row) {
    return (data.getByte(row >> 3) >> (row & 7)) & 1;
  }

  /** Same scale on both sides (one column), so unscaled 128-bit values compare directly. */
  private static int compareDecimal(FieldVector left, int leftRow, FieldVector right,
      int rightRow) {
    long leftHigh = left.getDataBuffer().getLong(leftRow * 16L + 8);
    long rightHigh = right.getDataBuffer().getLong(rightRow * 16L + 8);
    if (leftHigh != rightHigh) {
      return Long.compare(leftHigh, rightHigh);
    }
    return Long.compareUnsigned(left.getDataBuffer().getLong(leftRow * 16L),
        right.getDataBuffer().getLong(rightRow * 16L));
  }

  /** Unsigned byte order, which for UTF-8 is code point order. */
  private static int compareBytes(FieldVector left, int leftRow, FieldVector right,
      int rightRow) {
    ArrowBuf leftOffsets = left.getOffsetBuffer();
    ArrowBuf rightOffsets = right.getOffsetBuffer();
    return ByteFunctionHelpers.compare(left.getDataBuffer(),
        leftOffsets.getInt(leftRow * 4L), leftOffsets.getInt((leftRow + 1) * 4L),
        right.getDataBuffer(),
        rightOffsets.getInt(rightRow * 4L), rightOffsets.getInt((rightRow + 1) * 4L));
  }
}
