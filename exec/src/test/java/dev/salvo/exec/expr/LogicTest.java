package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.AND;
import static dev.salvo.exec.expr.ScalarFunction.DIVIDE;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN_OR_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.IS_FALSE;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_FALSE;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_NULL;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_TRUE;
import static dev.salvo.exec.expr.ScalarFunction.IS_NULL;
import static dev.salvo.exec.expr.ScalarFunction.IS_TRUE;
import static dev.salvo.exec.expr.ScalarFunction.LESS_THAN;
import static dev.salvo.exec.expr.ScalarFunction.LESS_THAN_OR_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.NOT;
import static dev.salvo.exec.expr.ScalarFunction.NOT_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.OR;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

class LogicTest extends ExpressionTestSupport {
  private static final DataType BOOLEAN = DataType.BOOLEAN;
  // every pair of TRUE, FALSE and NULL
  private static final Values LEFT = values(BOOLEAN, true, true, true, false, false, false, null,
      null, null);
  private static final Values RIGHT = values(BOOLEAN, true, false, null, true, false, null, true,
      false, null);

  @Test
  void andAndOrFollowThreeValuedLogic() {
    Expression a = column(0, BOOLEAN);
    Expression b = column(1, BOOLEAN);
    assertValues(call(AND, BOOLEAN, a, b),
        list(true, false, null, false, false, false, null, false, null), LEFT, RIGHT);
    assertValues(call(OR, BOOLEAN, a, b),
        list(true, true, true, true, false, null, true, null, null), LEFT, RIGHT);
  }

  @Test
  void connectivesTakeManyOperandsAndConstants() {
    Expression a = column(0, BOOLEAN);
    Expression b = column(1, BOOLEAN);
    assertValues(call(AND, BOOLEAN, a, b, literal(true, BOOLEAN)),
        list(true, false, null, false, false, false, null, false, null), LEFT, RIGHT);
    assertValues(call(OR, BOOLEAN, a, literal(null, BOOLEAN)),
        list(true, true, true, null, null, null, null, null, null), LEFT);
    assertValues(call(AND, BOOLEAN, a, literal(false, BOOLEAN)),
        list(false, false, false, false, false, false, false, false, false), LEFT);
  }

  @Test
  void notAndTheIsTests() {
    Values values = values(BOOLEAN, true, false, null);
    Expression a = column(0, BOOLEAN);
    assertValues(call(NOT, BOOLEAN, a), list(false, true, null), values);
    assertValues(call(IS_NULL, BOOLEAN, a), list(false, false, true), values);
    assertValues(call(IS_NOT_NULL, BOOLEAN, a), list(true, true, false), values);
    assertValues(call(IS_TRUE, BOOLEAN, a), list(true, false, false), values);
    assertValues(call(IS_NOT_TRUE, BOOLEAN, a), list(false, true, true), values);
    assertValues(call(IS_FALSE, BOOLEAN, a), list(false, true, false), values);
    assertValues(call(IS_NOT_FALSE, BOOLEAN, a), list(true, false, true), values);
    assertValues(call(IS_NULL, BOOLEAN, column(0, DataType.VARCHAR)), list(false, true),
        values(DataType.VARCHAR, "x", null));
  }

  @Test
  void laterOperandsThatCanFailOnlySeeUndecidedRows() {
    // x <> 0 AND 10 / x > 1: the division never sees x = 0
    Expression x = column(0, DataType.INTEGER);
    Expression nonZero = call(NOT_EQUAL, BOOLEAN, x, literal(0L, DataType.INTEGER));
    Expression ratio = call(GREATER_THAN, BOOLEAN,
        call(DIVIDE, DataType.INTEGER, literal(10L, DataType.INTEGER), x),
        literal(1L, DataType.INTEGER));
    Values xs = values(DataType.INTEGER, 0L, 5L, 20L, null, 0L);
    assertValues(call(AND, BOOLEAN, nonZero, ratio), list(false, true, false, null, false), xs);
    // x = 0 OR 10 / x > 1
    Expression zero = call(ScalarFunction.EQUAL, BOOLEAN, x, literal(0L, DataType.INTEGER));
    assertValues(call(OR, BOOLEAN, zero, ratio), list(true, true, false, null, true), xs);
  }

  @Test
  void reorderedOperandsAndUndecidedRowSubsetsKeepEveryAnswer() {
    // x < 90 decides few rows, y = 3 most: after some batches y = 3 runs first and the others
    // run on the few rows it leaves; every batch must still give three-valued logic's answer.
    Expression x = column(0, DataType.INTEGER);
    Expression y = column(1, DataType.INTEGER);
    Expression fewDecided = call(ScalarFunction.LESS_THAN, BOOLEAN, x,
        literal(90L, DataType.INTEGER));
    Expression mostDecided = call(ScalarFunction.EQUAL, BOOLEAN, y, literal(3L, DataType.INTEGER));
    Expression yNotNull = call(IS_NOT_NULL, BOOLEAN, y);
    Expression and = call(AND, BOOLEAN, fewDecided, call(AND, BOOLEAN, yNotNull, mostDecided));
    Expression or = call(OR, BOOLEAN, call(NOT, BOOLEAN, fewDecided),
        call(ScalarFunction.NOT_EQUAL, BOOLEAN, y, literal(3L, DataType.INTEGER)));
    VectorExpression compiledAnd = ExpressionCompiler.compile(and);
    VectorExpression compiledOr = ExpressionCompiler.compile(or);
    Random random = new Random(7);
    for (int b = 0; b < 100; b++) {
      int rowCount = 1 + random.nextInt(300);
      Object[] xs = new Object[rowCount];
      Object[] ys = new Object[rowCount];
      List<Object> expectedAnd = new ArrayList<>();
      List<Object> expectedOr = new ArrayList<>();
      for (int i = 0; i < rowCount; i++) {
        xs[i] = random.nextInt(10) == 0 ? null : (long) random.nextInt(100);
        ys[i] = random.nextInt(10) == 0 ? null : (long) random.nextInt(20);
        Boolean less = xs[i] == null ? null : (Long) xs[i] < 90;
        Boolean three = ys[i] == null ? null : (Long) ys[i] == 3;
        expectedAnd.add(and3(less, and3(ys[i] != null, three)));
        expectedOr.add(or3(less == null ? null : !less, three == null ? null : !three));
      }
      try (Batch input = batch(values(DataType.INTEGER, xs), values(DataType.INTEGER, ys))) {
        assertEquals(expectedAnd, valuesOf(compiledAnd, input), "AND, batch " + b);
        assertEquals(expectedOr, valuesOf(compiledOr, input), "OR, batch " + b);
      }
    }
  }

  @Test
  void reorderingNeverMovesAnOperandThatCanFailAheadOfItsGuard() {
    // y > 15 AND x <> 0 AND 10 / x > 1: the first two may swap, the division stays last
    Expression x = column(0, DataType.INTEGER);
    Expression y = column(1, DataType.INTEGER);
    Expression condition = call(AND, BOOLEAN,
        call(GREATER_THAN, BOOLEAN, y, literal(15L, DataType.INTEGER)),
        call(NOT_EQUAL, BOOLEAN, x, literal(0L, DataType.INTEGER)),
        call(GREATER_THAN, BOOLEAN, call(DIVIDE, DataType.INTEGER,
            literal(10L, DataType.INTEGER), x), literal(1L, DataType.INTEGER)));
    VectorExpression compiled = ExpressionCompiler.compile(condition);
    Random random = new Random(11);
    for (int b = 0; b < 100; b++) {
      int rowCount = 200;
      Object[] xs = new Object[rowCount];
      Object[] ys = new Object[rowCount];
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < rowCount; i++) {
        long xValue = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
        xs[i] = xValue;
        ys[i] = (long) random.nextInt(20);
        expected.add((Long) ys[i] > 15 && xValue != 0 && 10 / xValue > 1);
      }
      try (Batch input = batch(values(DataType.INTEGER, xs), values(DataType.INTEGER, ys))) {
        assertEquals(expected, valuesOf(compiled, input), "batch " + b);
      }
    }
  }

  @Test
  void boundsOnOneColumnAreOneRangeTestThatKeepsEveryOperatorsAnswer() {
    DataType money = DataType.decimal(15, 2);
    Random random = new Random(5);
    for (ScalarFunction lowerOp : List.of(GREATER_THAN, GREATER_THAN_OR_EQUAL)) {
      for (ScalarFunction upperOp : List.of(LESS_THAN, LESS_THAN_OR_EQUAL)) {
        for (DataType type : List.of(DataType.DATE, DataType.INTEGER, money)) {
          long low = 30 + random.nextInt(20);
          long high = random.nextInt(10) == 0 ? low - 1 : low + random.nextInt(40);
          Expression x = column(0, type);
          Expression y = column(1, DataType.INTEGER);
          Expression range = call(AND, BOOLEAN, call(upperOp, BOOLEAN, x, bound(high, type)),
              call(lowerOp, BOOLEAN, x, bound(low, type)));
          // y = 3 decides most rows first, so that the range also runs on scattered subsets
          Expression withOther = call(AND, BOOLEAN, range,
              call(ScalarFunction.EQUAL, BOOLEAN, y, literal(3L, DataType.INTEGER)));
          VectorExpression compiledRange = ExpressionCompiler.compile(range);
          assertTrue(compiledRange.toString().contains("RANGE("), compiledRange.toString());
          VectorExpression compiledWithOther = ExpressionCompiler.compile(withOther);
          for (int b = 0; b < 60; b++) {
            int rowCount = 1 + random.nextInt(400);
            Object[] xs = new Object[rowCount];
            Object[] ys = new Object[rowCount];
            List<Object> expectedRange = new ArrayList<>();
            List<Object> expectedWithOther = new ArrayList<>();
            for (int i = 0; i < rowCount; i++) {
              Long value = random.nextInt(8) == 0 ? null : (long) random.nextInt(100);
              xs[i] = value == null ? null : boundValue(value, type);
              ys[i] = (long) random.nextInt(b % 2 == 0 ? 20 : 2) + 2;
              Boolean inside = value == null ? null
                  : (lowerOp == GREATER_THAN ? value > low : value >= low)
                      && (upperOp == LESS_THAN ? value < high : value <= high);
              expectedRange.add(inside);
              expectedWithOther.add(and3(inside, (Long) ys[i] == 3));
            }
            try (Batch input = batch(values(type, xs), values(DataType.INTEGER, ys))) {
              String context = lowerOp + " " + upperOp + " " + type + " batch " + b;
              assertEquals(expectedRange, valuesOf(compiledRange, input), context);
              assertEquals(expectedWithOther, valuesOf(compiledWithOther, input), context);
            }
          }
        }
      }
    }
  }

  @Test
  void boundsThatAreNoRangeOfOneColumnStayComparisons() {
    DataType money = DataType.decimal(15, 2);
    Expression x = column(0, money);
    // a bound with more decimals than the column, a column as bound, two lower bounds
    Expression finer = call(AND, BOOLEAN,
        call(GREATER_THAN, BOOLEAN, x, literal(new BigDecimal("0.055"), DataType.decimal(4, 3))),
        call(LESS_THAN, BOOLEAN, x, literal(new BigDecimal("0.07"), money)));
    Expression byColumn = call(AND, BOOLEAN, call(GREATER_THAN, BOOLEAN, x, column(1, money)),
        call(LESS_THAN, BOOLEAN, x, literal(new BigDecimal("0.07"), money)));
    Expression twoLower = call(AND, BOOLEAN,
        call(GREATER_THAN, BOOLEAN, x, literal(new BigDecimal("0.01"), money)),
        call(GREATER_THAN_OR_EQUAL, BOOLEAN, x, literal(new BigDecimal("0.06"), money)));
    Values xs = values(money, new BigDecimal("0.05"), new BigDecimal("0.06"), null,
        new BigDecimal("0.07"));
    Values others = values(money, new BigDecimal("0.01"), new BigDecimal("0.06"),
        new BigDecimal("0.00"), new BigDecimal("0.00"));
    for (Expression condition : List.of(finer, byColumn, twoLower)) {
      assertFalse(ExpressionCompiler.compile(condition).toString().contains("RANGE("));
    }
    assertValues(finer, list(false, true, null, false), xs);
    assertValues(byColumn, list(true, false, null, false), xs, others);
    assertValues(twoLower, list(false, true, null, true), xs);
  }

  private static Literal bound(long value, DataType type) {
    return literal(boundValue(value, type), type);
  }

  /** {@code value} as a value of {@code type}: days, itself, or hundredths. */
  private static Object boundValue(long value, DataType type) {
    return switch (type.kind()) {
      case DATE -> LocalDate.ofEpochDay(value);
      case DECIMAL -> BigDecimal.valueOf(value, 2);
      default -> value;
    };
  }

  private List<Object> valuesOf(VectorExpression compiled, Batch input) {
    try (FieldVector output = compiled.evaluate(input, allocator)) {
      List<Object> result = new ArrayList<>();
      for (int i = 0; i < output.getValueCount(); i++) {
        result.add(VectorValues.get(output, i));
      }
      return result;
    }
  }

  private static Boolean and3(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Boolean or3(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }
}
