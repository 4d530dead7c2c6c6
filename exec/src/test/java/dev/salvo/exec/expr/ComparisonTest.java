package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.BETWEEN;
import static dev.salvo.exec.expr.ScalarFunction.EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN_OR_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.IN;
import static dev.salvo.exec.expr.ScalarFunction.IS_DISTINCT_FROM;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_DISTINCT_FROM;
import static dev.salvo.exec.expr.ScalarFunction.LESS_THAN;
import static dev.salvo.exec.expr.ScalarFunction.LESS_THAN_OR_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.NOT_EQUAL;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.vector.InPlaceSelection;
import dev.salvo.exec.expr.vector.RowSelection;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

class ComparisonTest extends ExpressionTestSupport {
  private static final DataType BOOLEAN = DataType.BOOLEAN;

  private static Call compare(ScalarFunction function, Expression left, Expression right) {
    return call(function, BOOLEAN, left, right);
  }

  /** Checks all six operators on rows where left is less than, equal to, greater than right. */
  private void assertOrdering(DataType leftType, DataType rightType, Object less, Object equal,
      Object greater, Object right) {
    Values lefts = values(leftType, less, equal, greater, null);
    Values rights = values(rightType, right, right, right, right);
    Expression x = column(0, leftType);
    Expression y = column(1, rightType);
    assertValues(compare(LESS_THAN, x, y), list(true, false, false, null), lefts, rights);
    assertValues(compare(LESS_THAN_OR_EQUAL, x, y), list(true, true, false, null), lefts, rights);
    assertValues(compare(EQUAL, x, y), list(false, true, false, null), lefts, rights);
    assertValues(compare(NOT_EQUAL, x, y), list(true, false, true, null), lefts, rights);
    assertValues(compare(GREATER_THAN_OR_EQUAL, x, y), list(false, true, true, null), lefts,
        rights);
    assertValues(compare(GREATER_THAN, x, y), list(false, false, true, null), lefts, rights);
    // the same with the right side as a constant, on either side
    Expression constant = literal(right, rightType);
    assertValues(compare(LESS_THAN, x, constant), list(true, false, false, null), lefts);
    assertValues(compare(GREATER_THAN, constant, x), list(true, false, false, null), lefts);
    assertValues(compare(NOT_EQUAL, constant, x), list(true, false, true, null), lefts);
  }

  @Test
  void integersAgainstConstantsAtTheEndsOfTheirRange() {
    // Columns of 4 and 8 bytes against constants compare as one range test per value; the
    // ends of the long range (nothing is less than MIN or greater than MAX) and more than 8
    // rows (a whole byte of bits, then a partial one) must all come out as Java compares them.
    long[] constants = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 7, Long.MAX_VALUE - 1,
        Long.MAX_VALUE};
    Object[] longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -2L, -1L, 0L, 1L, 7L, 8L,
        Long.MAX_VALUE - 1, Long.MAX_VALUE, null, 7L};
    Object[] ints = {(long) Integer.MIN_VALUE, -1L, 0L, 7L, 8L, (long) Integer.MAX_VALUE, null,
        6L, 7L, -7L};
    ScalarFunction[] operators = {LESS_THAN, LESS_THAN_OR_EQUAL, EQUAL, NOT_EQUAL,
        GREATER_THAN_OR_EQUAL, GREATER_THAN};
    for (long constant : constants) {
      for (ScalarFunction operator : operators) {
        for (DataType type : new DataType[] {DataType.BIGINT, DataType.INTEGER}) {
          Object[] column = type == DataType.BIGINT ? longs : ints;
          if (type == DataType.INTEGER && (constant < Integer.MIN_VALUE
              || constant > Integer.MAX_VALUE)) {
            continue;
          }
          java.util.List<Object> expected = new java.util.ArrayList<>();
          for (Object value : column) {
            expected.add(value == null ? null : holds(operator, (Long) value, constant));
          }
          assertValues(compare(operator, column(0, type), literal(constant, type)), expected,
              values(type, column));
        }
      }
    }
  }

  private static boolean holds(ScalarFunction operator, long value, long constant) {
    int cmp = Long.compare(value, constant);
    return switch (operator) {
      case LESS_THAN -> cmp < 0;
      case LESS_THAN_OR_EQUAL -> cmp <= 0;
      case EQUAL -> cmp == 0;
      case NOT_EQUAL -> cmp != 0;
      case GREATER_THAN_OR_EQUAL -> cmp >= 0;
      case GREATER_THAN -> cmp > 0;
      default -> throw new IllegalArgumentException(operator.name());
    };
  }

  @Test
  void dateColumnsCompareWithEachOtherOverManyRows() {
    // Two 4-byte columns compare without branches by the sign of their difference.
    Object[] left = new Object[19];
    Object[] right = new Object[19];
    for (int i = 0; i < left.length; i++) {
      left[i] = LocalDate.of(1998, 1, 1).plusDays(i % 3 - 1 + (i == 5 ? 30000 : 0));
      right[i] = i == 7 ? null : LocalDate.of(1998, 1, 1).minusDays(i == 11 ? 30000 : 0);
    }
    ScalarFunction[] operators = {LESS_THAN, LESS_THAN_OR_EQUAL, EQUAL, NOT_EQUAL,
        GREATER_THAN_OR_EQUAL, GREATER_THAN};
    for (ScalarFunction operator : operators) {
      java.util.List<Object> expected = new java.util.ArrayList<>();
      for (int i = 0; i < left.length; i++) {
        expected.add(right[i] == null ? null : holds(operator,
            ((LocalDate) left[i]).toEpochDay(), ((LocalDate) right[i]).toEpochDay()));
      }
      assertValues(compare(operator, column(0, DataType.DATE), column(1, DataType.DATE)),
          expected, values(DataType.DATE, left), values(DataType.DATE, right));
    }
  }

  @Test
  void everyKindOrders() {
    assertOrdering(DataType.INTEGER, DataType.BIGINT, 1L, 2L, 3L, 2L);
    assertOrdering(DataType.TINYINT, DataType.INTEGER, -1L, 100L, 127L, 100L);
    assertOrdering(DataType.DOUBLE, DataType.DOUBLE, -0.5, 0.0, 1e300, -0.0);
    assertOrdering(DataType.DOUBLE, DataType.INTEGER, 1.5, 2.0, 2.5, 2L);
    assertOrdering(DataType.decimal(15, 2), DataType.INTEGER, new BigDecimal("23.99"),
        new BigDecimal("24.00"), new BigDecimal("24.01"), 24L);
    assertOrdering(DataType.decimal(15, 2), DataType.decimal(4, 3), new BigDecimal("0.05"),
        new BigDecimal("0.06"), new BigDecimal("0.07"), new BigDecimal("0.060"));
  }

  @Test
  void decimalAgainstAScaleItCannotHoldIsComparedExactly() {
    // 0.06 > 0.055 although 0.055 is not a DECIMAL(5,2) value
    assertValues(compare(GREATER_THAN, column(0, DataType.decimal(5, 2)),
        literal(new BigDecimal("0.055"), DataType.decimal(4, 3))), list(false, true),
        values(DataType.decimal(5, 2), new BigDecimal("0.05"), new BigDecimal("0.06")));
  }

  @Test
  void textComparesByCodePoint() {
    assertOrdering(DataType.VARCHAR, DataType.VARCHAR, "abc", "abd", "abda", "abd");
    // é (U+00E9) sorts after z; a longer string with an equal prefix sorts after the shorter
    assertValues(compare(LESS_THAN, column(0, DataType.VARCHAR), column(1, DataType.VARCHAR)),
        list(true, true, false, true),
        values(DataType.VARCHAR, "z", "ab", "é", "a long prefix that exceeds eight bytes a"),
        values(DataType.VARCHAR, "é", "abc", "z", "a long prefix that exceeds eight bytes b"));
  }

  @Test
  void textEqualToAShortConstantMatchesLengthAndEveryByte() {
    // 70 rows (a full word of results and a part), values around each constant: shorter,
    // longer, equal in the first bytes, a zero byte, NULLs; = and <> against constants of 0, 1
    // and 8 bytes.
    String[] kinds = {"R", "", "RR", "R\u0000", "A", "eightchr", "eightchrs", "eightchR", null,
        "a value longer than eight bytes"};
    Object[] rows = new Object[70];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = kinds[i * 7 % kinds.length];
    }
    for (String constant : new String[] {"R", "", "eightchr"}) {
      List<Object> equal = new ArrayList<>();
      List<Object> different = new ArrayList<>();
      for (Object row : rows) {
        equal.add(row == null ? null : row.equals(constant));
        different.add(row == null ? null : !row.equals(constant));
      }
      assertValues(compare(EQUAL, column(0, DataType.VARCHAR),
          literal(constant, DataType.VARCHAR)), equal, values(DataType.VARCHAR, rows));
      assertValues(compare(NOT_EQUAL, column(0, DataType.VARCHAR),
          literal(constant, DataType.VARCHAR)), different, values(DataType.VARCHAR, rows));
    }
  }

  @Test
  void datesTimesTimestampsAndBooleansOrder() {
    assertOrdering(DataType.DATE, DataType.DATE, LocalDate.of(1998, 11, 30),
        LocalDate.of(1998, 12, 1), LocalDate.of(1999, 1, 1), LocalDate.of(1998, 12, 1));
    assertOrdering(DataType.TIME, DataType.TIME, LocalTime.of(9, 0), LocalTime.of(12, 0),
        LocalTime.of(23, 59, 59, 999_000_000), LocalTime.of(12, 0));
    assertOrdering(DataType.TIMESTAMP, DataType.DATE, LocalDateTime.of(1998, 11, 30, 23, 59),
        LocalDateTime.of(1998, 12, 1, 0, 0), LocalDateTime.of(1998, 12, 1, 0, 0, 0, 1000),
        LocalDate.of(1998, 12, 1));
    assertValues(compare(LESS_THAN, column(0, DataType.BOOLEAN), column(1, DataType.BOOLEAN)),
        list(true, false, false, false), values(DataType.BOOLEAN, false, true, false, true),
        values(DataType.BOOLEAN, true, false, false, true));
    assertValues(compare(EQUAL, column(0, DataType.BOOLEAN), literal(true, DataType.BOOLEAN)),
        list(false, true, null), values(DataType.BOOLEAN, false, true, null));
  }

  @Test
  void textComparedWithADateIsReadAsADate() {
    assertValues(compare(LESS_THAN, column(0, DataType.DATE), literal("1995-03-15",
        DataType.VARCHAR)), list(true, false),
        values(DataType.DATE, LocalDate.of(1995, 3, 14), LocalDate.of(1995, 3, 15)));
  }

  @Test
  void distinctFromIsNullSafe() {
    Values a = values(DataType.INTEGER, 1L, 1L, null, null);
    Values b = values(DataType.INTEGER, 1L, 2L, 1L, null);
    Expression x = column(0, DataType.INTEGER);
    Expression y = column(1, DataType.INTEGER);
    assertValues(compare(IS_DISTINCT_FROM, x, y), list(false, true, true, false), a, b);
    assertValues(compare(IS_NOT_DISTINCT_FROM, x, y), list(true, false, false, true), a, b);
    assertValues(compare(IS_DISTINCT_FROM, x, literal(1L, DataType.INTEGER)),
        list(false, false, true, true), a);
    assertValues(compare(IS_NOT_DISTINCT_FROM, x, literal(null, DataType.INTEGER)),
        list(false, false, true, true), a);
  }

  @Test
  void comparingWithNullIsNull() {
    assertValues(compare(EQUAL, column(0, DataType.INTEGER), literal(null, DataType.INTEGER)),
        list(null, null), values(DataType.INTEGER, 1L, null));
  }

  @Test
  void between() {
    DataType money = DataType.decimal(15, 2);
    Expression discount = column(0, money);
    assertValues(call(BETWEEN, BOOLEAN, discount, literal(new BigDecimal("0.05"),
        DataType.decimal(3, 2)), literal(new BigDecimal("0.07"), DataType.decimal(3, 2))),
        list(false, true, true, true, false, null), values(money, new BigDecimal("0.04"),
            new BigDecimal("0.05"), new BigDecimal("0.06"), new BigDecimal("0.07"),
            new BigDecimal("0.08"), null));
  }

  @Test
  void inListOfConstants() {
    Expression value = column(0, DataType.INTEGER);
    assertValues(call(IN, BOOLEAN, value, literal(1L, DataType.INTEGER),
        literal(3L, DataType.BIGINT)), list(true, false, true, null),
        values(DataType.INTEGER, 1L, 2L, 3L, null));
    // not found and a NULL item: NULL; found: TRUE
    assertValues(call(IN, BOOLEAN, value, literal(1L, DataType.INTEGER),
        literal(null, DataType.INTEGER)), list(true, null, null),
        values(DataType.INTEGER, 1L, 2L, null));
    // 1.5 can never equal an INTEGER; 2.0 equals 2
    assertValues(call(IN, BOOLEAN, value, literal(new BigDecimal("1.5"), DataType.decimal(2, 1)),
        literal(new BigDecimal("2.0"), DataType.decimal(2, 1))), list(false, true),
        values(DataType.INTEGER, 1L, 2L));
  }

  @Test
  void inListOfTextDecimalsDatesAndDoubles() {
    assertValues(call(IN, BOOLEAN, column(0, DataType.VARCHAR), literal("MAIL", DataType.VARCHAR),
        literal("SHIP", DataType.VARCHAR)), list(true, false, true, false),
        values(DataType.VARCHAR, "MAIL", "AIR", "SHIP", "MAI"));
    DataType money = DataType.decimal(15, 2);
    assertValues(call(IN, BOOLEAN, column(0, money), literal(new BigDecimal("0.050"),
        DataType.decimal(4, 3)), literal(new BigDecimal("0.055"), DataType.decimal(4, 3))),
        list(true, false), values(money, new BigDecimal("0.05"), new BigDecimal("0.06")));
    assertValues(call(IN, BOOLEAN, column(0, DataType.DATE), literal(LocalDate.of(2020, 1, 1),
        DataType.DATE)), list(true, false),
        values(DataType.DATE, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2)));
    assertValues(call(IN, BOOLEAN, column(0, DataType.DOUBLE), literal(0.0, DataType.DOUBLE),
        literal(2L, DataType.INTEGER)), list(true, true, false),
        values(DataType.DOUBLE, -0.0, 2.0, 2.5));
  }

  @Test
  void inListOfShortStringsComparesLengthsAndEveryByte() {
    // Items of up to 7 bytes are compared as words holding their length: a longer value sharing
    // an item's bytes, one padded with a zero byte, the empty string and case all tell apart.
    Expression value = column(0, DataType.VARCHAR);
    List<Object> expected = list(true, true, false, false, true, false, false, null);
    Object[] rows = {"AIR", "AIR REG", "AIR REGX", "AIR\u0000", "", "AI", "air", null};
    assertValues(call(IN, BOOLEAN, value, literal("AIR", DataType.VARCHAR),
        literal("AIR REG", DataType.VARCHAR), literal("", DataType.VARCHAR)), expected,
        values(DataType.VARCHAR, rows));
    // The same list with an 8-byte item, which the set keeps apart from the packed ones.
    assertValues(call(IN, BOOLEAN, value, literal("AIR", DataType.VARCHAR),
        literal("AIR REG", DataType.VARCHAR), literal("", DataType.VARCHAR),
        literal("12345678", DataType.VARCHAR)), expected, values(DataType.VARCHAR, rows));
    assertValues(call(IN, BOOLEAN, value, literal("AIR", DataType.VARCHAR),
        literal("12345678", DataType.VARCHAR)), list(true, false, true, false),
        values(DataType.VARCHAR, "12345678", "123456789", "AIR", "1234567"));
    assertValues(call(IN, BOOLEAN, value, literal("AIR", DataType.VARCHAR),
        literal(null, DataType.VARCHAR)), list(true, null, null),
        values(DataType.VARCHAR, "AIR", "SHIP", null));
  }

  @Test
  void inListWithColumnItemsBehavesAsOrOfEquals() {
    assertValues(call(IN, BOOLEAN, column(0, DataType.INTEGER), column(1, DataType.INTEGER),
        literal(5L, DataType.INTEGER)), list(true, true, null, false),
        values(DataType.INTEGER, 1L, 5L, 2L, 3L), values(DataType.INTEGER, 1L, null, null, 4L));
  }

  @Test
  void incomparableTypesAreRejectedAtCompileTime() {
    SalvoException error = Assertions.assertThrows(SalvoException.class,
        () -> ExpressionCompiler.compile(compare(EQUAL, column(0, DataType.DATE),
            column(1, DataType.BOOLEAN))));
    Assertions.assertEquals(ErrorCode.TYPE_MISMATCH, error.code());
  }

  @Test
  void comparisonsAndInListsOfColumnsReadChosenRowsInPlace() {
    Random random = new Random(11);
    List<DataType> types = List.of(DataType.BIGINT, DataType.INTEGER, DataType.DATE,
        DataType.decimal(15, 2), DataType.decimal(38, 2), DataType.VARCHAR);
    List<ScalarFunction> operators = List.of(LESS_THAN, LESS_THAN_OR_EQUAL, EQUAL, NOT_EQUAL,
        GREATER_THAN_OR_EQUAL, GREATER_THAN);
    for (DataType type : types) {
      Object[] first = new Object[200];
      Object[] second = new Object[200];
      for (int i = 0; i < first.length; i++) {
        first[i] = random.nextInt(8) == 0 ? null : valueOf(type, random.nextInt(20) - 10);
        second[i] = random.nextInt(8) == 0 ? null : valueOf(type, random.nextInt(20) - 10);
      }
      Expression x = column(0, type);
      List<Expression> tests = new java.util.ArrayList<>();
      for (ScalarFunction operator : operators) {
        tests.add(compare(operator, x, literal(valueOf(type, random.nextInt(20) - 10), type)));
        tests.add(compare(operator, x, column(1, type)));
      }
      tests.add(call(IN, BOOLEAN, x, literal(valueOf(type, 3), type),
          literal(valueOf(type, -4), type)));
      tests.add(call(IN, BOOLEAN, x, literal(valueOf(type, 5), type), literal(null, type)));
      for (Expression test : tests) {
        assertChosenRowsAgree(test, values(type, first), values(type, second), random);
      }
    }
  }

  /**
   * Evaluates {@code test} on a random third of the rows, in place and through a copy of those
   * rows, and checks both against its value on all rows; 38-digit decimals and strings compared
   * with {@code <} have no in-place loop and must be copied.
   */
  private void assertChosenRowsAgree(Expression test, Values first, Values second,
      Random random) {
    VectorExpression compiled = ExpressionCompiler.compile(test);
    int rowCount = first.values().size();
    int[] rows = new int[rowCount];
    int count = 0;
    for (int row = 0; row < rowCount; row++) {
      if (random.nextInt(3) == 0) {
        rows[count++] = row;
      }
    }
    DataType type = first.type();
    boolean inList = test instanceof Call call && call.function() == IN;
    boolean inPlace = inList || (type.kind() != dev.salvo.exec.type.TypeKind.VARCHAR
        && type.precision() != 38);
    try (Batch input = batch(first, second);
        FieldVector all = compiled.evaluate(input, allocator);
        FieldVector chosen = ((InPlaceSelection) compiled).evaluateSelected(input, rows,
            count, allocator);
        FieldVector copied = RowSelection.evaluate(compiled, BitSet.valueOf(new long[] {3}),
            input, rows, count, allocator)) {
      Assertions.assertEquals(inPlace, chosen != null, test + " of " + type);
      for (int j = 0; j < count; j++) {
        Object expected = VectorValues.get(all, rows[j]);
        Assertions.assertEquals(expected, VectorValues.get(copied, j), test + " row " + j);
        if (chosen != null) {
          Assertions.assertEquals(expected, VectorValues.get(chosen, j), test + " row " + j);
        }
      }
    }
  }

  private static Object valueOf(DataType type, int value) {
    return switch (type.kind()) {
      case DATE -> LocalDate.of(2024, 1, 1).plusDays(value);
      case DECIMAL -> BigDecimal.valueOf(value * 25L, 2);
      case VARCHAR -> "v" + value;
      default -> (long) value;
    };
  }
}
