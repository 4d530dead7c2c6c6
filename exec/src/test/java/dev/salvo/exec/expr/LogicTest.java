package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.AND;
import static dev.salvo.exec.expr.ScalarFunction.DIVIDE;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN;
import static dev.salvo.exec.expr.ScalarFunction.IS_FALSE;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_FALSE;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_NULL;
import static dev.salvo.exec.expr.ScalarFunction.IS_NOT_TRUE;
import static dev.salvo.exec.expr.ScalarFunction.IS_NULL;
import static dev.salvo.exec.expr.ScalarFunction.IS_TRUE;
import static dev.salvo.exec.expr.ScalarFunction.NOT;
import static dev.salvo.exec.expr.ScalarFunction.NOT_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.OR;

import dev.salvo.exec.type.DataType;
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
}
