package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.CAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CastTest extends ExpressionTestSupport {
  private static Call cast(DataType from, DataType to) {
    return call(CAST, to, column(0, from));
  }

  private void assertCast(DataType from, DataType to, Object input, Object expected) {
    assertValues(cast(from, to), list(expected, null), values(from, input, null));
    // a constant is converted once, at compile time, to the same value
    assertEquals(expected, evaluateConstant(call(CAST, to, literal(input, from))));
  }

  @Test
  void betweenIntegerKinds() {
    assertCast(DataType.INTEGER, DataType.BIGINT, -5L, -5L);
    assertCast(DataType.BIGINT, DataType.SMALLINT, 32767L, 32767L);
    assertCast(DataType.BOOLEAN, DataType.INTEGER, true, 1L);
    SalvoException error = assertError(ErrorCode.NUMERIC_OVERFLOW,
        cast(DataType.INTEGER, DataType.TINYINT), values(DataType.INTEGER, 1L, 300L));
    assertTrue(error.getMessage().contains("300"), error.getMessage());
  }

  @Test
  void toIntegersRoundHalfAwayFromZero() {
    assertCast(DataType.DOUBLE, DataType.INTEGER, 2.5, 3L);
    assertCast(DataType.DOUBLE, DataType.INTEGER, -2.5, -3L);
    assertCast(DataType.DOUBLE, DataType.BIGINT, 2.4999, 2L);
    assertCast(DataType.decimal(5, 2), DataType.INTEGER, new BigDecimal("2.50"), 3L);
    assertCast(DataType.decimal(5, 2), DataType.INTEGER, new BigDecimal("-2.50"), -3L);
    assertCast(DataType.decimal(5, 2), DataType.INTEGER, new BigDecimal("-2.49"), -2L);
    assertError(ErrorCode.NUMERIC_OVERFLOW, cast(DataType.DOUBLE, DataType.INTEGER),
        values(DataType.DOUBLE, 3e9));
    assertError(ErrorCode.NUMERIC_OVERFLOW, cast(DataType.DOUBLE, DataType.BIGINT),
        values(DataType.DOUBLE, Double.NaN));
    assertError(ErrorCode.NUMERIC_OVERFLOW, cast(DataType.decimal(20, 0), DataType.BIGINT),
        values(DataType.decimal(20, 0), new BigDecimal("99999999999999999999")));
  }

  @Test
  void betweenDecimalsAndOtherNumbers() {
    assertCast(DataType.decimal(6, 3), DataType.decimal(5, 2), new BigDecimal("1.005"),
        new BigDecimal("1.01"));
    assertCast(DataType.decimal(6, 3), DataType.decimal(5, 2), new BigDecimal("-1.005"),
        new BigDecimal("-1.01"));
    assertCast(DataType.INTEGER, DataType.decimal(12, 2), 42L, new BigDecimal("42.00"));
    assertCast(DataType.DOUBLE, DataType.decimal(10, 2), 0.145, new BigDecimal("0.15"));
    assertCast(DataType.decimal(10, 2), DataType.DOUBLE, new BigDecimal("0.10"), 0.1);
    assertCast(DataType.decimal(38, 2), DataType.decimal(38, 0),
        new BigDecimal("12345678901234567890123.50"), new BigDecimal("12345678901234567890124"));
    assertError(ErrorCode.NUMERIC_OVERFLOW, cast(DataType.INTEGER, DataType.decimal(4, 2)),
        values(DataType.INTEGER, 100L));
    assertError(ErrorCode.NUMERIC_OVERFLOW, cast(DataType.decimal(5, 2), DataType.decimal(3, 2)),
        values(DataType.decimal(5, 2), new BigDecimal("10.00")));
  }

  @Test
  void fromTextNamesTheValueThatDoesNotParse() {
    assertCast(DataType.VARCHAR, DataType.INTEGER, " 42 ", 42L);
    assertCast(DataType.VARCHAR, DataType.decimal(5, 2), "3.14159", new BigDecimal("3.14"));
    assertCast(DataType.VARCHAR, DataType.DOUBLE, "-1.5e3", -1500.0);
    assertCast(DataType.VARCHAR, DataType.BOOLEAN, "TRUE", true);
    assertCast(DataType.VARCHAR, DataType.BOOLEAN, "f", false);
    SalvoException error = assertError(ErrorCode.INVALID_CAST,
        cast(DataType.VARCHAR, DataType.INTEGER), values(DataType.VARCHAR, "1", "abc"));
    assertTrue(error.getMessage().contains("Cannot cast 'abc' to INTEGER"), error.getMessage());
    assertTrue(error.getMessage().contains("VARCHAR"), error.getMessage());
    assertError(ErrorCode.INVALID_CAST, cast(DataType.VARCHAR, DataType.DOUBLE),
        values(DataType.VARCHAR, "1.5x"));
    assertError(ErrorCode.INVALID_CAST, cast(DataType.VARCHAR, DataType.BOOLEAN),
        values(DataType.VARCHAR, "maybe"));
    assertError(ErrorCode.NUMERIC_OVERFLOW, cast(DataType.VARCHAR, DataType.INTEGER),
        values(DataType.VARCHAR, "99999999999"));
  }

  @Test
  void datesTimesAndTimestampsFromAndToText() {
    assertCast(DataType.VARCHAR, DataType.DATE, "1998-12-01", LocalDate.of(1998, 12, 1));
    assertCast(DataType.VARCHAR, DataType.DATE, "1998-9-2", LocalDate.of(1998, 9, 2));
    assertCast(DataType.VARCHAR, DataType.TIME, "13:45:07.250", LocalTime.of(13, 45, 7,
        250_000_000));
    assertCast(DataType.VARCHAR, DataType.TIMESTAMP, "2020-02-29 23:59:59.123456",
        LocalDateTime.of(2020, 2, 29, 23, 59, 59, 123_456_000));
    assertCast(DataType.VARCHAR, DataType.TIMESTAMP, "2020-02-29T01:02",
        LocalDateTime.of(2020, 2, 29, 1, 2));
    assertCast(DataType.VARCHAR, DataType.TIMESTAMP, "2020-02-29",
        LocalDateTime.of(2020, 2, 29, 0, 0));
    assertCast(DataType.DATE, DataType.VARCHAR, LocalDate.of(1998, 12, 1), "1998-12-01");
    assertCast(DataType.TIME, DataType.VARCHAR, LocalTime.of(8, 0), "08:00:00");
    assertCast(DataType.TIMESTAMP, DataType.VARCHAR, LocalDateTime.of(2020, 1, 2, 3, 4, 5,
        500_000_000), "2020-01-02 03:04:05.5");
    SalvoException error = assertError(ErrorCode.INVALID_CAST,
        cast(DataType.VARCHAR, DataType.DATE), values(DataType.VARCHAR, "2020-02-30"));
    assertTrue(error.getMessage().contains("'2020-02-30'"), error.getMessage());
    assertError(ErrorCode.INVALID_CAST, cast(DataType.VARCHAR, DataType.TIMESTAMP),
        values(DataType.VARCHAR, "yesterday"));
  }

  @Test
  void betweenDatesAndTimestamps() {
    assertCast(DataType.DATE, DataType.TIMESTAMP, LocalDate.of(1969, 12, 31),
        LocalDateTime.of(1969, 12, 31, 0, 0));
    assertCast(DataType.TIMESTAMP, DataType.DATE, LocalDateTime.of(1969, 12, 31, 23, 59),
        LocalDate.of(1969, 12, 31));
    assertCast(DataType.TIMESTAMP, DataType.TIME, LocalDateTime.of(1969, 12, 31, 23, 59),
        LocalTime.of(23, 59));
  }

  @Test
  void numbersAndBooleansToText() {
    assertCast(DataType.INTEGER, DataType.VARCHAR, -12L, "-12");
    assertCast(DataType.decimal(5, 2), DataType.VARCHAR, new BigDecimal("1.50"), "1.50");
    assertCast(DataType.DOUBLE, DataType.VARCHAR, 1.5, "1.5");
    assertCast(DataType.DOUBLE, DataType.VARCHAR, 1e20, "1e+20");
    assertCast(DataType.BOOLEAN, DataType.VARCHAR, true, "TRUE");
  }

  @Test
  void explicitCastToAShorterVarcharTruncates() {
    assertCast(DataType.VARCHAR, DataType.varchar(3), "héllo", "hél");
    assertCast(DataType.VARCHAR, DataType.varchar(10), "short", "short");
    assertCast(DataType.INTEGER, DataType.varchar(2), 12345L, "12");
  }

  @Test
  void castsWithoutMeaningAreTypeErrorsAtCompileTime() {
    SalvoException error = org.junit.jupiter.api.Assertions.assertThrows(SalvoException.class,
        () -> ExpressionCompiler.compile(cast(DataType.DATE, DataType.INTEGER)));
    assertEquals(ErrorCode.TYPE_MISMATCH, error.code());
    SalvoException reverse = org.junit.jupiter.api.Assertions.assertThrows(SalvoException.class,
        () -> ExpressionCompiler.compile(cast(DataType.BOOLEAN, DataType.TIMESTAMP)));
    assertEquals(ErrorCode.TYPE_MISMATCH, reverse.code());
  }

  @Test
  void castsNotImplementedYetAreRejectedAtCompileTime() {
    SalvoException error = org.junit.jupiter.api.Assertions.assertThrows(SalvoException.class,
        () -> ExpressionCompiler.compile(cast(DataType.TIME, DataType.TIMESTAMP)));
    assertEquals(ErrorCode.NOT_SUPPORTED, error.code());
  }
}
