package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.ARRAY_VALUE;
import static dev.salvo.exec.expr.ScalarFunction.CARDINALITY;
import static dev.salvo.exec.expr.ScalarFunction.CAST;
import static dev.salvo.exec.expr.ScalarFunction.ELEMENT_AT;
import static dev.salvo.exec.expr.ScalarFunction.EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.FIELD;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_DISTINCT_FROM;
import static dev.salvo.exec.expr.ScalarFunction.LESS_THAN;
import static dev.salvo.exec.expr.ScalarFunction.NOT_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.ROW_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class NestedFunctionTest extends ExpressionTestSupport {
  private static final DataType INTEGERS = DataType.array(DataType.INTEGER);
  private static final DataType PAIR = DataType.row(List.of(new Column("a", DataType.INTEGER),
      new Column("b", DataType.VARCHAR)));
  private static final Values ARRAYS = values(INTEGERS, List.of(10L, 20L, 30L), list(40L, null),
      List.of(), null);

  @Test
  void arrayConstructorTakesEachRowsArguments() {
    assertValues(call(ARRAY_VALUE, INTEGERS, column(0, DataType.INTEGER), literal(7L,
            DataType.INTEGER), column(1, DataType.INTEGER)),
        list(List.of(1L, 7L, 2L), list(null, 7L, 3L)),
        values(DataType.INTEGER, 1L, null), values(DataType.INTEGER, 2L, 3L));
  }

  @Test
  void arrayConstructorConvertsArgumentsToTheElementType() {
    DataType decimals = DataType.array(DataType.decimal(5, 1));
    assertEquals(List.of(new java.math.BigDecimal("1.0"), new java.math.BigDecimal("2.5")),
        evaluateConstant(call(ARRAY_VALUE, decimals, literal(1L, DataType.INTEGER),
            literal(new java.math.BigDecimal("2.5"), DataType.decimal(2, 1)))));
  }

  @Test
  void rowConstructorNeverReturnsNull() {
    assertValues(call(ROW_VALUE, PAIR, column(0, DataType.INTEGER), column(1, DataType.VARCHAR)),
        list(List.of(1L, "x"), list(null, null)),
        values(DataType.INTEGER, 1L, null), values(DataType.VARCHAR, "x", null));
  }

  @Test
  void elementAtIsOneBasedAndNullOutsideTheArray() {
    DataType element = DataType.INTEGER;
    assertValues(call(ELEMENT_AT, element, column(0, INTEGERS), literal(1L, DataType.INTEGER)),
        list(10L, 40L, null, null), ARRAYS);
    assertValues(call(ELEMENT_AT, element, column(0, INTEGERS), literal(3L, DataType.INTEGER)),
        list(30L, null, null, null), ARRAYS);
    assertValues(call(ELEMENT_AT, element, column(0, INTEGERS), literal(0L, DataType.INTEGER)),
        list(null, null, null, null), ARRAYS);
    assertValues(call(ELEMENT_AT, element, column(0, INTEGERS), column(1, DataType.BIGINT)),
        list(20L, null, null, null), ARRAYS, values(DataType.BIGINT, 2L, 2L, 1L, 1L));
  }

  @Test
  void cardinalityCountsNullElements() {
    assertValues(call(CARDINALITY, DataType.INTEGER, column(0, INTEGERS)),
        list(3L, 2L, 0L, null), ARRAYS);
  }

  @Test
  void fieldAccessIsNullForANullRow() {
    Values rows = values(PAIR, List.of(1L, "x"), null, list(null, "z"));
    assertValues(call(FIELD, DataType.VARCHAR, column(0, PAIR), literal(1L, DataType.INTEGER)),
        list("x", null, "z"), rows);
    assertValues(call(FIELD, DataType.INTEGER, column(0, PAIR), literal(0L, DataType.INTEGER)),
        list(1L, null, null), rows);
  }

  @Test
  void arrayEqualityMatchesNullComponentsButNotNullArrays() {
    Values left = values(INTEGERS, List.of(1L, 2L), List.of(1L, 2L), list(1L, null),
        list(1L, null), null);
    Values right = values(INTEGERS, List.of(1L, 2L), List.of(1L, 2L, 3L), list(1L, null),
        list(2L, null), List.of());
    assertValues(call(EQUAL, DataType.BOOLEAN, column(0, INTEGERS), column(1, INTEGERS)),
        list(true, false, true, false, null), left, right);
    assertValues(call(NOT_EQUAL, DataType.BOOLEAN, column(0, INTEGERS), column(1, INTEGERS)),
        list(false, true, false, true, null), left, right);
    assertValues(call(IS_NOT_DISTINCT_FROM, DataType.BOOLEAN.withNullable(false),
            column(0, INTEGERS), column(1, INTEGERS)),
        list(true, false, true, false, false), left, right);
  }

  @Test
  void orderingArraysIsNotSupported() {
    SalvoException error = assertThrows(SalvoException.class, () -> ExpressionCompiler.compile(
        call(LESS_THAN, DataType.BOOLEAN, column(0, INTEGERS), column(1, INTEGERS))));
    assertEquals(ErrorCode.NOT_SUPPORTED, error.code());
  }

  @Test
  void castsConvertEachComponent() {
    assertValues(call(CAST, DataType.array(DataType.VARCHAR), column(0, INTEGERS)),
        list(List.of("10", "20", "30"), list("40", null), List.of(), null), ARRAYS);
    assertValues(call(CAST, DataType.VARCHAR, column(0, INTEGERS)),
        list("[10, 20, 30]", "[40, NULL]", "[]", null), ARRAYS);
    assertEquals("{a: 1, b: x}", evaluateConstant(call(CAST, DataType.VARCHAR,
        literal(List.of(1L, "x"), PAIR))));
    assertError(ErrorCode.INVALID_CAST, call(CAST, DataType.array(DataType.INTEGER),
        column(0, DataType.array(DataType.VARCHAR))),
        values(DataType.array(DataType.VARCHAR), List.of("1", "two")));
  }
}
