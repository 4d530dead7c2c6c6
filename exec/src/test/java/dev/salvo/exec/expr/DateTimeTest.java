package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.ADD;
import static dev.salvo.exec.expr.ScalarFunction.SUBTRACT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.type.DataType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class DateTimeTest extends ExpressionTestSupport {
  private static final long DAY = 86_400_000L;

  private static Expression months(long count) {
    return literal(count, DataType.INTERVAL_YEAR_MONTH);
  }

  private static Expression millis(long count) {
    return literal(count, DataType.INTERVAL_DAY_TIME);
  }

  @Test
  void addingMonthsClampsToTheEndOfTheMonth() {
    Values dates = values(DataType.DATE, LocalDate.of(2020, 1, 31), LocalDate.of(2019, 1, 31),
        LocalDate.of(2020, 3, 31), null);
    Expression date = column(0, DataType.DATE);
    assertValues(call(ADD, DataType.DATE, date, months(1)), list(LocalDate.of(2020, 2, 29),
        LocalDate.of(2019, 2, 28), LocalDate.of(2020, 4, 30), null), dates);
    assertValues(call(SUBTRACT, DataType.DATE, date, months(13)), list(LocalDate.of(2018, 12, 31),
        LocalDate.of(2017, 12, 31), LocalDate.of(2019, 2, 28), null), dates);
    assertValues(call(ADD, DataType.DATE, months(12), date), list(LocalDate.of(2021, 1, 31),
        LocalDate.of(2020, 1, 31), LocalDate.of(2021, 3, 31), null), dates);
  }

  @Test
  void addingDaysAndTimesToDates() {
    Values dates = values(DataType.DATE, LocalDate.of(1998, 12, 1));
    Expression date = column(0, DataType.DATE);
    assertValues(call(SUBTRACT, DataType.DATE, date, millis(90 * DAY)),
        list(LocalDate.of(1998, 9, 2)), dates);
    assertValues(call(ADD, DataType.TIMESTAMP, date, millis(DAY + 3_600_000L)),
        list(LocalDateTime.of(1998, 12, 2, 1, 0)), dates);
    // a constant expression is folded once and compares like any constant
    assertEquals(LocalDate.of(1998, 9, 2), evaluateConstant(call(SUBTRACT, DataType.DATE,
        literal(LocalDate.of(1998, 12, 1), DataType.DATE), millis(90 * DAY))));
  }

  @Test
  void timestampAndTimeArithmetic() {
    Values timestamps = values(DataType.TIMESTAMP, LocalDateTime.of(2020, 1, 31, 12, 30, 0,
        123_456_000));
    Expression timestamp = column(0, DataType.TIMESTAMP);
    assertValues(call(ADD, DataType.TIMESTAMP, timestamp, months(1)),
        list(LocalDateTime.of(2020, 2, 29, 12, 30, 0, 123_456_000)), timestamps);
    assertValues(call(SUBTRACT, DataType.TIMESTAMP, timestamp, millis(DAY / 2 + 1)),
        list(LocalDateTime.of(2020, 1, 31, 0, 30, 0, 122_456_000)), timestamps);
    assertValues(call(ADD, DataType.TIME, column(0, DataType.TIME), millis(2 * 3_600_000L)),
        list(LocalTime.of(1, 0)), values(DataType.TIME, LocalTime.of(23, 0)));
  }

  @Test
  void differencesOfDatesAndTimestamps() {
    Values from = values(DataType.DATE, LocalDate.of(2020, 3, 1));
    Values to = values(DataType.DATE, LocalDate.of(2020, 2, 1));
    Expression a = column(0, DataType.DATE);
    Expression b = column(1, DataType.DATE);
    assertValues(call(SUBTRACT, DataType.INTERVAL_DAY_TIME, a, b), list(29 * DAY), from, to);
    assertValues(call(SUBTRACT, DataType.INTEGER, a, b), list(29L), from, to);
    assertValues(call(SUBTRACT, DataType.INTERVAL_YEAR_MONTH, a, b), list(1L), from, to);
    assertValues(call(SUBTRACT, DataType.INTERVAL_DAY_TIME, column(0, DataType.TIMESTAMP),
        column(1, DataType.TIMESTAMP)), list(90_061_000L),
        values(DataType.TIMESTAMP, LocalDateTime.of(2020, 1, 2, 1, 1, 1)),
        values(DataType.TIMESTAMP, LocalDateTime.of(2020, 1, 1, 0, 0)));
  }

  @Test
  void extractFromDatesAndTimestamps() {
    // 2021-01-03 is a Sunday in ISO week 53 of 2020
    Values dates = values(DataType.DATE, LocalDate.of(2021, 1, 3), LocalDate.of(1998, 12, 31),
        null);
    Expression date = column(0, DataType.DATE);
    assertExtract(ScalarFunction.EXTRACT_YEAR, date, dates, 2021L, 1998L);
    assertExtract(ScalarFunction.EXTRACT_QUARTER, date, dates, 1L, 4L);
    assertExtract(ScalarFunction.EXTRACT_MONTH, date, dates, 1L, 12L);
    assertExtract(ScalarFunction.EXTRACT_WEEK, date, dates, 53L, 53L);
    assertExtract(ScalarFunction.EXTRACT_DAY, date, dates, 3L, 31L);
    assertExtract(ScalarFunction.EXTRACT_DAY_OF_WEEK, date, dates, 1L, 5L);
    assertExtract(ScalarFunction.EXTRACT_DAY_OF_YEAR, date, dates, 3L, 365L);
    assertExtract(ScalarFunction.EXTRACT_HOUR, date, dates, 0L, 0L);

    Values timestamps = values(DataType.TIMESTAMP, LocalDateTime.of(1969, 12, 31, 23, 58, 7,
        900_000_000), LocalDateTime.of(2000, 2, 29, 1, 2, 3), null);
    Expression timestamp = column(0, DataType.TIMESTAMP);
    assertExtract(ScalarFunction.EXTRACT_YEAR, timestamp, timestamps, 1969L, 2000L);
    assertExtract(ScalarFunction.EXTRACT_DAY, timestamp, timestamps, 31L, 29L);
    assertExtract(ScalarFunction.EXTRACT_HOUR, timestamp, timestamps, 23L, 1L);
    assertExtract(ScalarFunction.EXTRACT_MINUTE, timestamp, timestamps, 58L, 2L);
    assertExtract(ScalarFunction.EXTRACT_SECOND, timestamp, timestamps, 7L, 3L);
    assertExtract(ScalarFunction.EXTRACT_DAY_OF_WEEK, timestamp, timestamps, 4L, 3L);
  }

  private void assertExtract(ScalarFunction field, Expression operand, Values values,
      Object first, Object second) {
    assertValues(call(field, DataType.BIGINT, operand), list(first, second, null), values);
  }
}
