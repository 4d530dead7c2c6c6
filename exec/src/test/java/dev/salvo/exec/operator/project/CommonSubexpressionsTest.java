package dev.salvo.exec.operator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls computed more than once by a projection are computed once, unless conditional. */
class CommonSubexpressionsTest {
  private static final DataType MONEY = DataType.decimal(15, 2);
  private static final Expression PRICE = new ColumnReference(1, MONEY);
  private static final Expression DISCOUNT = new ColumnReference(2, MONEY);
  private static final Expression TAX = new ColumnReference(3, MONEY);
  private static final Expression ONE = new Literal(BigDecimal.ONE, DataType.decimal(1, 0));

  private static Call call(ScalarFunction function, DataType type, Expression... arguments) {
    return new Call(function, List.of(arguments), type);
  }

  @Test
  void queryOneComputesTheDiscountedPriceOnce() {
    Call discounted = call(ScalarFunction.MULTIPLY, DataType.decimal(31, 4), PRICE,
        call(ScalarFunction.SUBTRACT, DataType.decimal(16, 2), ONE, DISCOUNT));
    Call charge = call(ScalarFunction.MULTIPLY, DataType.decimal(38, 6), discounted,
        call(ScalarFunction.ADD, DataType.decimal(16, 2), ONE, TAX));
    CommonSubexpressions common = CommonSubexpressions.of(List.of(PRICE, discounted, charge));

    assertEquals(4, common.firstSharedColumn());
    assertEquals(List.of(discounted), common.shared());
    ColumnReference sharedColumn = new ColumnReference(4, discounted.type());
    assertEquals(List.of(PRICE, sharedColumn, call(ScalarFunction.MULTIPLY,
        DataType.decimal(38, 6), sharedColumn, charge.arguments().get(1))), common.outputs());
  }

  @Test
  void callsUnderConditionsAndCallsSeenOnceStayWhereTheyAre() {
    Call quotient = call(ScalarFunction.DIVIDE, MONEY, ONE, DISCOUNT);
    Call guarded = call(ScalarFunction.CASE, MONEY,
        call(ScalarFunction.NOT_EQUAL, DataType.BOOLEAN, DISCOUNT, ONE), quotient);
    Call sum = call(ScalarFunction.ADD, DataType.decimal(16, 2), PRICE, TAX);
    List<Expression> expressions = List.of(guarded, quotient, sum);
    CommonSubexpressions common = CommonSubexpressions.of(expressions);

    // The division is evaluated unconditionally once and under the CASE once: not shared.
    assertEquals(List.of(), common.shared());
    assertEquals(expressions, common.outputs());
  }
}
