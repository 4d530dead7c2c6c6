package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.ABS;
import static dev.salvo.exec.expr.ScalarFunction.ADD;
import static dev.salvo.exec.expr.ScalarFunction.CEIL;
import static dev.salvo.exec.expr.ScalarFunction.DIVIDE;
import static dev.salvo.exec.expr.ScalarFunction.FLOOR;
import static dev.salvo.exec.expr.ScalarFunction.MODULO;
import static dev.salvo.exec.expr.ScalarFunction.MULTIPLY;
import static dev.salvo.exec.expr.ScalarFunction.NEGATE;
import static dev.salvo.exec.expr.ScalarFunction.ROUND;
import static dev.salvo.exec.expr.ScalarFunction.SUBTRACT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArithmeticTest extends ExpressionTestSupport {
  private static final DataType INTEGER = DataType.INTEGER;
  private static final DataType BIGINT = DataType.BIGINT;
  private static final DataType DOUBLE = DataType.DOUBLE;

  private static DataType decimal(int precision, int scale) {
    return DataType.decimal(precision, scale);
  }

  private static BigDecimal number(String text) {
    return new BigDecimal(text);
  }

  @Test
  void integerOperationsPropagateNulls() {
    Values a = values(INTEGER, 7L, -7L, null, 10L);
    Values b = values(INTEGER, 2L, 2L, 3L, null);
    Expression x = column(0, INTEGER);
    Expression y = column(1, INTEGER);
    assertValues(call(ADD, INTEGER, x, y), list(9L, -5L, null, null), a, b);
    assertValues(call(SUBTRACT, INTEGER, x, y), list(5L, -9L, null, null), a, b);
    assertValues(call(MULTIPLY, INTEGER, x, y), list(14L, -14L, null, null), a, b);
    assertValues(call(DIVIDE, INTEGER, x, y), list(3L, -3L, null, null), a, b); // truncates
    assertValues(call(MODULO, INTEGER, x, y), list(1L, -1L, null, null), a, b);
  }

  @Test
  void mixedIntegerWidthsAndConstantsOnEitherSide() {
    Values small = values(DataType.SMALLINT, 1L, 300L);
    Values big = values(BIGINT, 10_000_000_000L, -1L);
    assertValues(call(ADD, BIGINT, column(0, DataType.SMALLINT), column(1, BIGINT)),
        list(10_000_000_001L, 299L), small, big);
    assertValues(call(SUBTRACT, INTEGER, literal(1L, INTEGER), column(0, DataType.SMALLINT)),
        list(0L, -299L), small);
    assertValues(call(MULTIPLY, BIGINT, column(1, BIGINT), literal(3L, INTEGER)),
        list(30_000_000_000L, -3L), small, big);
  }

  @Test
  void integerOverflowOfTheResultKindIsAnErrorNamingTheValues() {
    SalvoException error = assertError(ErrorCode.NUMERIC_OVERFLOW,
        call(ADD, INTEGER, column(0, INTEGER), literal(1L, INTEGER)),
        values(INTEGER, 1L, (long) Integer.MAX_VALUE));
    assertTrue(error.getMessage().contains("ADD"), error.getMessage());
    assertTrue(error.getMessage().contains("2147483647 + 1"), error.getMessage());
    assertError(ErrorCode.NUMERIC_OVERFLOW,
        call(MULTIPLY, BIGINT, column(0, BIGINT), column(0, BIGINT)),
        values(BIGINT, 4_000_000_000L));
    assertError(ErrorCode.NUMERIC_OVERFLOW,
        call(DIVIDE, BIGINT, column(0, BIGINT), literal(-1L, BIGINT)),
        values(BIGINT, Long.MIN_VALUE));
    assertError(ErrorCode.NUMERIC_OVERFLOW, call(NEGATE, DataType.TINYINT,
        column(0, DataType.TINYINT)), values(DataType.TINYINT, -128L));
  }

  @Test
  void divisionByZeroIsAnErrorButNotOnNullRows() {
    SalvoException error = assertError(ErrorCode.DIVISION_BY_ZERO,
        call(DIVIDE, INTEGER, column(0, INTEGER), column(1, INTEGER)),
        values(INTEGER, 1L, 10L), values(INTEGER, 1L, 0L));
    assertTrue(error.getMessage().contains("10 / 0"), error.getMessage());
    assertError(ErrorCode.DIVISION_BY_ZERO,
        call(MODULO, INTEGER, column(0, INTEGER), literal(0L, INTEGER)), values(INTEGER, 5L));
    assertError(ErrorCode.DIVISION_BY_ZERO,
        call(DIVIDE, DOUBLE, column(0, DOUBLE), literal(0.0, DOUBLE)), values(DOUBLE, 5.0));
    assertError(ErrorCode.DIVISION_BY_ZERO, call(DIVIDE, decimal(10, 2),
        column(0, decimal(5, 2)), column(1, decimal(5, 2))),
        values(decimal(5, 2), number("1.00")), values(decimal(5, 2), number("0.00")));
    // a NULL dividend makes the row NULL whatever its divisor holds
    assertValues(call(DIVIDE, INTEGER, column(0, INTEGER), column(1, INTEGER)),
        list(null, 5L), values(INTEGER, null, 10L), values(INTEGER, 0L, 2L));
  }

  @Test
  void doubleArithmeticMixesWithIntegersAndDecimals() {
    assertValues(call(ADD, DOUBLE, column(0, DOUBLE), column(1, INTEGER)),
        list(3.5, null), values(DOUBLE, 1.5, 2.0), values(INTEGER, 2L, null));
    assertValues(call(MULTIPLY, DOUBLE, column(0, decimal(5, 2)), literal(2.0, DOUBLE)),
        list(2.5), values(decimal(5, 2), number("1.25")));
    assertValues(call(DIVIDE, DOUBLE, column(0, DOUBLE), literal(4L, INTEGER)),
        list(0.25), values(DOUBLE, 1.0));
    assertValues(call(SUBTRACT, DataType.REAL, column(0, DataType.REAL), literal(0.5, DOUBLE)),
        list(1.0), values(DataType.REAL, 1.5));
  }

  @Test
  void decimalAdditionIsExact() {
    assertValues(call(ADD, decimal(3, 1), column(0, decimal(2, 1)), column(1, decimal(2, 1))),
        list(number("0.3"), number("-0.1"), null),
        values(decimal(2, 1), number("0.1"), number("0.1"), null),
        values(decimal(2, 1), number("0.2"), number("-0.2"), number("0.5")));
    // different scales meet at the larger one
    assertValues(call(ADD, decimal(6, 3), column(0, decimal(4, 1)), literal(number("0.005"),
        decimal(3, 3))), list(number("100.105")), values(decimal(4, 1), number("100.1")));
  }

  @Test
  void integerMinusDecimalPromotesTheIntegerAsCalciteTypesIt() {
    // 1 - l_discount: SUBTRACT(INTEGER 1, DECIMAL(15,2)) typed DECIMAL(16,2)
    assertValues(call(SUBTRACT, decimal(16, 2), literal(1L, INTEGER), column(0, decimal(15, 2))),
        list(number("0.96"), number("1.00"), number("0.90"), null),
        values(decimal(15, 2), number("0.04"), number("0.00"), number("0.10"), null));
    assertValues(call(ADD, decimal(16, 2), column(0, INTEGER), column(1, decimal(15, 2))),
        list(number("3.25")), values(INTEGER, 2L), values(decimal(15, 2), number("1.25")));
  }

  @Test
  void queryOneChargeMatchesBigDecimalOnRandomRows() {
    Random random = new Random(42);
    int rows = 2000;
    List<Object> prices = new ArrayList<>();
    List<Object> discounts = new ArrayList<>();
    List<Object> taxes = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      BigDecimal price = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
      BigDecimal discount = BigDecimal.valueOf(random.nextInt(11), 2);
      BigDecimal tax = BigDecimal.valueOf(random.nextInt(9), 2);
      prices.add(price);
      discounts.add(discount);
      taxes.add(tax);
      expected.add(price.multiply(BigDecimal.ONE.subtract(discount))
          .multiply(BigDecimal.ONE.add(tax)).setScale(6, RoundingMode.UNNECESSARY));
    }
    DataType money = decimal(15, 2);
    Expression discounted = call(MULTIPLY, decimal(31, 4), column(0, money),
        call(SUBTRACT, decimal(16, 2), literal(1L, INTEGER), column(1, money)));
    Expression charge = call(MULTIPLY, decimal(38, 6), discounted,
        call(ADD, decimal(16, 2), literal(1L, INTEGER), column(2, money)));
    assertEquals(expected, evaluate(charge, new Values(money, prices),
        new Values(money, discounts), new Values(money, taxes)));
  }

  @Test
  void decimalResultsBeyondTheirPrecisionOrALongAreErrorsOrExact() {
    DataType money = decimal(4, 2);
    assertError(ErrorCode.NUMERIC_OVERFLOW, call(ADD, money, column(0, money),
        literal(number("0.01"), decimal(3, 2))), values(money, number("1.00"), number("99.99")));
    assertError(ErrorCode.NUMERIC_OVERFLOW, call(MULTIPLY, decimal(6, 4), column(0, money),
        column(0, money)), values(money, number("10.00"), null));
    // 10^17 * 10^2 leaves the long range: that row is computed exactly, the others on longs.
    DataType wide = decimal(18, 0);
    assertValues(call(MULTIPLY, decimal(36, 0), column(0, wide), column(1, wide)),
        list(number("6"), number("10000000000000000000"), null),
        values(wide, number("2"), number("100000000000000000"), null),
        values(wide, number("3"), number("100"), number("1")));
  }

  @Test
  void decimalMultiplicationRoundsHalfUpToTheResultScale() {
    assertValues(call(MULTIPLY, decimal(10, 2), column(0, decimal(5, 2)), column(1, decimal(5, 2))),
        list(number("0.02"), number("-0.02"), number("0.01")),
        values(decimal(5, 2), number("0.15"), number("-0.15"), number("0.10")),
        values(decimal(5, 2), number("0.10"), number("0.10"), number("0.05")));
  }

  @Test
  void decimalDivisionRoundsHalfUp() {
    DataType type = decimal(20, 6);
    assertValues(call(DIVIDE, type, column(0, decimal(10, 2)), column(1, decimal(10, 2))),
        list(number("0.333333"), number("0.666667"), number("-0.666667"), number("2.500000")),
        values(decimal(10, 2), number("1.00"), number("2.00"), number("-2.00"), number("5.00")),
        values(decimal(10, 2), number("3.00"), number("3.00"), number("3.00"), number("2.00")));
    assertValues(call(DIVIDE, decimal(10, 2), column(0, decimal(10, 0)), literal(8L, INTEGER)),
        list(number("0.13")), values(decimal(10, 0), number("1"))); // 0.125 rounds up
  }

  @Test
  void decimalResultOutsideItsPrecisionIsAnOverflow() {
    SalvoException error = assertError(ErrorCode.NUMERIC_OVERFLOW,
        call(ADD, decimal(3, 1), column(0, decimal(3, 1)), column(0, decimal(3, 1))),
        values(decimal(3, 1), number("60.0")));
    assertTrue(error.getMessage().contains("60.0 + 60.0"), error.getMessage());
  }

  @Test
  void decimalsWiderThanALongStayExact() {
    DataType wide = decimal(38, 2);
    BigDecimal big = number("123456789012345678901234567890.12");
    assertValues(call(ADD, wide, column(0, wide), literal(number("0.01"), decimal(3, 2))),
        list(number("123456789012345678901234567890.13")), values(wide, big));
    // the product of two 15-digit values leaves the long range mid-computation
    BigDecimal large = number("9999999999999.99");
    assertValues(call(MULTIPLY, decimal(31, 4), column(0, decimal(15, 2)),
        column(0, decimal(15, 2))), list(large.multiply(large)), values(decimal(15, 2), large));
    assertValues(call(DIVIDE, decimal(38, 6), column(0, decimal(15, 2)), literal(number("3.00"),
        decimal(3, 2))), list(number("3333333333333.330000")), values(decimal(15, 2), large));
  }

  @Test
  void decimalModulo() {
    assertValues(call(MODULO, decimal(5, 2), column(0, decimal(5, 2)), column(1, decimal(3, 1))),
        list(number("1.25"), number("-1.25")),
        values(decimal(5, 2), number("7.25"), number("-7.25")),
        values(decimal(3, 1), number("2.0"), number("2.0")));
  }

  @Test
  void negateAndAbsolute() {
    assertValues(call(NEGATE, INTEGER, column(0, INTEGER)), list(-5L, 5L, null),
        values(INTEGER, 5L, -5L, null));
    assertValues(call(ABS, INTEGER, column(0, INTEGER)), list(5L, 5L, null),
        values(INTEGER, 5L, -5L, null));
    assertValues(call(ABS, decimal(5, 2), column(0, decimal(5, 2))), list(number("1.50")),
        values(decimal(5, 2), number("-1.50")));
    assertValues(call(NEGATE, DOUBLE, column(0, DOUBLE)), list(-2.5), values(DOUBLE, 2.5));
    assertError(ErrorCode.NUMERIC_OVERFLOW, call(ABS, BIGINT, column(0, BIGINT)),
        values(BIGINT, Long.MIN_VALUE));
  }

  @Test
  void roundFloorAndCeilForEveryNumericKind() {
    Values doubles = values(DOUBLE, 2.5, -2.5, 2.4, 0.49999999999999994);
    assertValues(call(ROUND, DOUBLE, column(0, DOUBLE)), list(3.0, -3.0, 2.0, 0.0), doubles);
    assertValues(call(FLOOR, DOUBLE, column(0, DOUBLE)), list(2.0, -3.0, 2.0, 0.0), doubles);
    assertValues(call(CEIL, DOUBLE, column(0, DOUBLE)), list(3.0, -2.0, 3.0, 1.0), doubles);
    assertValues(call(ROUND, DOUBLE, column(0, DOUBLE), literal(2L, INTEGER)), list(2.68),
        values(DOUBLE, 2.675));

    DataType money = decimal(6, 3);
    Values decimals = values(money, number("1.245"), number("-1.245"), number("1.240"));
    assertValues(call(ROUND, money, column(0, money), literal(2L, INTEGER)),
        list(number("1.250"), number("-1.250"), number("1.240")), decimals);
    assertValues(call(ROUND, decimal(4, 0), column(0, money)),
        list(number("1"), number("-1"), number("1")), decimals);
    assertValues(call(FLOOR, decimal(4, 0), column(0, money)),
        list(number("1"), number("-2"), number("1")), decimals);
    assertValues(call(CEIL, decimal(4, 0), column(0, money)),
        list(number("2"), number("-1"), number("2")), decimals);

    assertValues(call(ROUND, INTEGER, column(0, INTEGER), literal(-1L, INTEGER)),
        list(20L, -20L, 10L), values(INTEGER, 15L, -15L, 14L));
    assertValues(call(FLOOR, INTEGER, column(0, INTEGER)), list(7L), values(INTEGER, 7L));
  }

  @Test
  void overflowOnANullRowIsNotRaised() {
    // the NULL row's storage holds garbage; computing it anyway would report a bogus overflow
    assertValues(call(ADD, INTEGER, column(0, INTEGER), literal(1L, INTEGER)),
        list(null, 2L), values(INTEGER, null, 1L));
  }
}
