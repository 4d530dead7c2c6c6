package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.CASE;
import static dev.salvo.exec.expr.ScalarFunction.COALESCE;
import static dev.salvo.exec.expr.ScalarFunction.DIVIDE;
import static dev.salvo.exec.expr.ScalarFunction.EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN;
import static dev.salvo.exec.expr.ScalarFunction.LIKE;
import static dev.salvo.exec.expr.ScalarFunction.NULLIF;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ConditionalTest extends ExpressionTestSupport {
  private static final DataType INTEGER = DataType.INTEGER;
  private static final DataType BOOLEAN = DataType.BOOLEAN;

  @Test
  void caseDoesNotFailOnRowsABranchDoesNotSelect() {
    // CASE WHEN x = 0 THEN NULL ELSE 10 / x END
    Expression x = column(0, INTEGER);
    Expression guarded = call(CASE, INTEGER,
        call(EQUAL, BOOLEAN, x, literal(0L, INTEGER)), literal(null, INTEGER),
        call(DIVIDE, INTEGER, literal(10L, INTEGER), x));
    assertValues(guarded, list(null, 2L, null, 10L, null),
        values(INTEGER, 0L, 5L, null, 1L, 0L));
    // the same division outside the CASE fails
    assertError(ErrorCode.DIVISION_BY_ZERO, call(DIVIDE, INTEGER, literal(10L, INTEGER), x),
        values(INTEGER, 0L, 5L));
  }

  @Test
  void caseTakesTheFirstTrueConditionAndAssemblesTextInRowOrder() {
    Expression x = column(0, INTEGER);
    Expression label = call(CASE, DataType.VARCHAR,
        call(GREATER_THAN, BOOLEAN, x, literal(10L, INTEGER)), literal("big", DataType.VARCHAR),
        call(GREATER_THAN, BOOLEAN, x, literal(0L, INTEGER)), column(1, DataType.VARCHAR),
        literal("other", DataType.VARCHAR));
    assertValues(label, list("small-1", "big", "other", "big", "other", null),
        values(INTEGER, 1L, 11L, -1L, 100L, null, 3L),
        values(DataType.VARCHAR, "small-1", "b", "c", "d", "e", null));
  }

  @Test
  void caseBranchesAreConvertedToTheCaseType() {
    DataType money = DataType.decimal(10, 2);
    Expression x = column(0, INTEGER);
    Expression amount = call(CASE, money,
        call(EQUAL, BOOLEAN, x, literal(1L, INTEGER)), x,
        literal(new BigDecimal("0.5"), DataType.decimal(2, 1)));
    assertValues(amount, list(new BigDecimal("1.00"), new BigDecimal("0.50")),
        values(INTEGER, 1L, 2L));
  }

  @Test
  void caseWhoseConditionsAreNeverTrueEvaluatesOnlyTheElse() {
    Expression x = column(0, INTEGER);
    Expression never = call(CASE, INTEGER, call(EQUAL, BOOLEAN, x, literal(null, INTEGER)),
        call(DIVIDE, INTEGER, literal(1L, INTEGER), literal(0L, INTEGER)), x);
    assertValues(never, list(1L, 2L), values(INTEGER, 1L, 2L));
  }

  @Test
  void coalesceEvaluatesLaterArgumentsOnlyWhereEarlierOnesAreNull() {
    Expression x = column(0, INTEGER);
    Expression y = column(1, INTEGER);
    // COALESCE(x, 10 / y, -1): 10 / y only for the rows where x is NULL
    Expression first = call(COALESCE, INTEGER, x, call(DIVIDE, INTEGER, literal(10L, INTEGER), y),
        literal(-1L, INTEGER));
    assertValues(first, list(1L, 5L, 2L, -1L), values(INTEGER, 1L, null, 2L, null),
        values(INTEGER, 0L, 2L, 0L, null));
    assertValues(call(COALESCE, DataType.VARCHAR, column(0, DataType.VARCHAR),
        column(1, DataType.VARCHAR)), list("a", "y", null, "d"),
        values(DataType.VARCHAR, "a", null, null, "d"),
        values(DataType.VARCHAR, "x", "y", null, null));
  }

  @Test
  void nullIf() {
    Expression x = column(0, INTEGER);
    assertValues(call(NULLIF, INTEGER, x, literal(0L, INTEGER)), list(5L, null, null),
        values(INTEGER, 5L, 0L, null));
    assertValues(call(NULLIF, DataType.VARCHAR, column(0, DataType.VARCHAR),
        column(1, DataType.VARCHAR)), list(null, "a", "b"),
        values(DataType.VARCHAR, "a", "a", "b"), values(DataType.VARCHAR, "a", "b", null));
  }

  @Test
  void caseConditionsThatCanFailOnlySeeRowsNotTakenEarlier() {
    Expression x = column(0, DataType.VARCHAR);
    // CASE WHEN x IS NULL THEN 'none' WHEN x LIKE 'a%' THEN 'a' ELSE 'other' END
    Expression kind = call(CASE, DataType.VARCHAR,
        call(ScalarFunction.IS_NULL, BOOLEAN, x), literal("none", DataType.VARCHAR),
        call(LIKE, BOOLEAN, x, literal("a%", DataType.VARCHAR)), literal("a", DataType.VARCHAR),
        literal("other", DataType.VARCHAR));
    assertValues(kind, list("none", "a", "other"), values(DataType.VARCHAR, null, "abc", "b"));
  }
}
