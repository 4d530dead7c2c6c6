package dev.salvo.exec.expr.datetime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.BinaryKernelExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.time.LocalDate;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Date and time arithmetic on the stored integers: days (DATE), microseconds (TIMESTAMP),
 * milliseconds (TIME and day-time intervals) and months (year-month intervals).
 */
final class DateTimeArithmeticExpression extends BinaryKernelExpression {
  static final long MILLIS_PER_DAY = 86_400_000L;
  static final long MICROS_PER_DAY = MILLIS_PER_DAY * 1000;

  /** What one row computes; {@code sign} is -1 for SUBTRACT. */
  enum Operation {
    DATE_PLUS_MONTHS, DATE_PLUS_MILLIS_AS_DATE, DATE_PLUS_MILLIS_AS_TIMESTAMP,
    DATE_PLUS_MONTHS_AS_TIMESTAMP,
    TIMESTAMP_PLUS_MONTHS, TIMESTAMP_PLUS_MILLIS, TIME_PLUS_MILLIS,
    DATE_MINUS_DATE_IN_DAYS, DATE_MINUS_DATE_IN_MILLIS, DATE_MINUS_DATE_IN_MONTHS,
    TIMESTAMP_MINUS_TIMESTAMP_IN_MILLIS, TIMESTAMP_MINUS_TIMESTAMP_IN_MONTHS
  }

  private final Operation operation;
  private final int sign;

  DateTimeArithmeticExpression(Operation operation, int sign, VectorExpression left,
      VectorExpression right, DataType type) {
    super(left, right, type);
    this.operation = operation;
    this.sign = sign;
  }

  @Override
  protected void compute(Operand l, Operand r, ArrowBuf validity, ArrowBuf out, int rowCount) {
    ArrowBuf leftData = l.isConstant() ? null : l.vector().getDataBuffer();
    ArrowBuf rightData = r.isConstant() ? null : r.vector().getDataBuffer();
    long leftConstant = l.isConstant() ? l.constant().longValue() : 0;
    long rightConstant = r.isConstant() ? r.constant().longValue() : 0;
    int leftWidth = Vectors.longWidth(left.type().kind());
    int rightWidth = Vectors.longWidth(right.type().kind());
    int outWidth = Vectors.longWidth(type.kind());
    long min = Vectors.minValue(type.kind());
    long max = Vectors.maxValue(type.kind());
    for (int i = 0; i < rowCount; i++) {
      if (!Vectors.isSet(validity, i)) {
        continue;
      }
      long a = leftData == null ? leftConstant : Vectors.readLong(leftData, leftWidth, i);
      long b = rightData == null ? rightConstant : Vectors.readLong(rightData, rightWidth, i);
      long result;
      try {
        result = apply(a, b);
      } catch (ArithmeticException | java.time.DateTimeException e) {
        throw overflow(a, b);
      }
      if (result < min || result > max) {
        throw overflow(a, b);
      }
      Vectors.writeLong(out, outWidth, i, result);
    }
  }

  private long apply(long a, long b) {
    return switch (operation) {
      case DATE_PLUS_MONTHS -> LocalDate.ofEpochDay(a).plusMonths(sign * b).toEpochDay();
      case DATE_PLUS_MONTHS_AS_TIMESTAMP -> Math.multiplyExact(
          LocalDate.ofEpochDay(a).plusMonths(sign * b).toEpochDay(), MICROS_PER_DAY);
      // whole days only: a DATE has no time of day to carry the rest
      case DATE_PLUS_MILLIS_AS_DATE -> Math.addExact(a, sign * (b / MILLIS_PER_DAY));
      case DATE_PLUS_MILLIS_AS_TIMESTAMP -> Math.addExact(
          Math.multiplyExact(a, MICROS_PER_DAY), Math.multiplyExact(sign * b, 1000L));
      case TIMESTAMP_PLUS_MONTHS -> {
        long day = Math.floorDiv(a, MICROS_PER_DAY);
        long timeOfDay = Math.floorMod(a, MICROS_PER_DAY);
        long shifted = LocalDate.ofEpochDay(day).plusMonths(sign * b).toEpochDay();
        yield Math.addExact(Math.multiplyExact(shifted, MICROS_PER_DAY), timeOfDay);
      }
      case TIMESTAMP_PLUS_MILLIS -> Math.addExact(a, Math.multiplyExact(sign * b, 1000L));
      case TIME_PLUS_MILLIS -> Math.floorMod(a + sign * Math.floorMod(b, MILLIS_PER_DAY),
          MILLIS_PER_DAY);
      case DATE_MINUS_DATE_IN_DAYS -> a - b;
      case DATE_MINUS_DATE_IN_MILLIS -> Math.multiplyExact(a - b, MILLIS_PER_DAY);
      case DATE_MINUS_DATE_IN_MONTHS -> monthsBetween(a * MICROS_PER_DAY, b * MICROS_PER_DAY);
      case TIMESTAMP_MINUS_TIMESTAMP_IN_MILLIS -> Math.subtractExact(a, b) / 1000;
      case TIMESTAMP_MINUS_TIMESTAMP_IN_MONTHS -> monthsBetween(a, b);
    };
  }

  /** Whole months from {@code to} to {@code from}, truncated toward zero. */
  private static long monthsBetween(long fromMicros, long toMicros) {
    return java.time.temporal.ChronoUnit.MONTHS.between(
        DateTimeValues.toLocalDateTime(toMicros), DateTimeValues.toLocalDateTime(fromMicros));
  }

  private SalvoException overflow(long a, long b) {
    return new SalvoException(ErrorCode.DATETIME_FIELD_OVERFLOW,
        "Date/time overflow: " + DateTimeValues.describe(a, left.type()) + (sign < 0 ? " - " : " + ")
            + DateTimeValues.describe(b, right.type()) + " does not fit " + type.sqlName());
  }

}
