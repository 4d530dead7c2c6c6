package dev.salvo.exec.expr.datetime;

import dev.salvo.exec.type.DataType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Conversions between the stored integers of date/time kinds and java.time values. */
final class DateTimeValues {
  private DateTimeValues() {}

  static LocalDateTime toLocalDateTime(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  /** A stored value in readable form, for error messages. */
  static String describe(long stored, DataType type) {
    return switch (type.kind()) {
      case DATE -> "DATE '" + LocalDate.ofEpochDay(stored) + "'";
      case TIMESTAMP -> "TIMESTAMP '" + toLocalDateTime(stored) + "'";
      case TIME -> "TIME '" + LocalTime.ofNanoOfDay(Math.floorMod(stored, 86_400_000L)
          * 1_000_000L) + "'";
      case INTERVAL_YEAR_MONTH -> "INTERVAL '" + stored + "' MONTH";
      case INTERVAL_DAY_TIME -> "INTERVAL '" + stored + "' MILLISECOND";
      default -> Long.toString(stored);
    };
  }
}
