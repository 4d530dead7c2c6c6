package dev.salvo.exec.expr.vector;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Java constant values in the integer form their vectors store. */
public final class ConstantValues {
  private ConstantValues() {}

  /** The stored integer form of a value of a long-backed kind. */
  public static long toLong(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    if (value instanceof LocalDate date) {
      return date.toEpochDay();
    }
    if (value instanceof LocalTime time) {
      return time.toNanoOfDay() / 1_000_000L;
    }
    if (value instanceof LocalDateTime timestamp) {
      return timestamp.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + timestamp.getNano() / 1000;
    }
    throw new IllegalArgumentException("Not an integer-backed value: " + value);
  }
}
