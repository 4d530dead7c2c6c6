package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.ADD;
import static dev.salvo.exec.expr.ScalarFunction.AND;
import static dev.salvo.exec.expr.ScalarFunction.CASE;
import static dev.salvo.exec.expr.ScalarFunction.DIVIDE;
import static dev.salvo.exec.expr.ScalarFunction.EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.GREATER_THAN;
import static dev.salvo.exec.expr.ScalarFunction.LESS_THAN;
import static dev.salvo.exec.expr.ScalarFunction.MODULO;
import static dev.salvo.exec.expr.ScalarFunction.NOT_EQUAL;
import static dev.salvo.exec.expr.ScalarFunction.OR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest extends ExpressionTestSupport {
  private static final DataType INTEGER = DataType.INTEGER;
  private static final DataType BOOLEAN = DataType.BOOLEAN;

  @Test
  void columnsAndLiteralsProduceVectorsTheCallerOwnsAndLeaveTheInputOpen() {
    try (Batch input = batch(values(INTEGER, 1L, null, 3L))) {
      assertEquals(list(1L, null, 3L), evaluate(column(0, INTEGER), input));
      assertEquals(list("x", "x", "x"), evaluate(literal("x", DataType.VARCHAR), input));
      assertEquals(list(2L, null, 4L), evaluate(call(ADD, INTEGER, column(0, INTEGER),
          literal(1L, INTEGER)), input));
      assertEquals(3L, VectorValues.get(input.column(0), 2)); // still readable
    }
  }

  @Test
  void aNullArgumentMakesAStrictCallNullOfItsType() {
    DataType money = DataType.decimal(10, 2);
    assertValues(call(ADD, money, column(0, money), literal(null, DataType.NULL)),
        list(null, null), values(money, null, null));
  }

  @Test
  void everyFunctionFamilyHandlesAnEmptyBatch() {
    Values none = values(INTEGER);
    Expression x = column(0, INTEGER);
    assertValues(call(ADD, INTEGER, x, literal(1L, INTEGER)), list(), none);
    assertValues(call(LESS_THAN, BOOLEAN, x, literal(1L, INTEGER)), list(), none);
    assertValues(call(AND, BOOLEAN, call(LESS_THAN, BOOLEAN, x, literal(1L, INTEGER)),
        call(GREATER_THAN, BOOLEAN, call(DIVIDE, INTEGER, literal(1L, INTEGER), x),
            literal(0L, INTEGER))), list(), none);
    assertValues(call(CASE, INTEGER, call(EQUAL, BOOLEAN, x, literal(1L, INTEGER)), x,
        literal(0L, INTEGER)), list(), none);
    assertValues(call(ScalarFunction.CAST, DataType.VARCHAR, x), list(), none);
  }

  @Test
  void aConstantThatFailsFailsOnlyWhenARowReachesIt() {
    Expression failing = call(DIVIDE, INTEGER, literal(1L, INTEGER), literal(0L, INTEGER));
    VectorExpression compiled = ExpressionCompiler.compile(failing); // does not throw
    try (Batch empty = rows(0)) {
      compiled.evaluate(empty, allocator).close();
    }
    assertError(ErrorCode.DIVISION_BY_ZERO, failing, values(INTEGER, 1L));
  }

  @Test
  void runningOutOfMemoryIsReportedAndLeaksNothing() {
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add((long) i);
    }
    try (Batch input = batch(new Values(DataType.BIGINT, many));
        BufferAllocator small = allocator.newChildAllocator("small", 0, 1024)) {
      VectorExpression compiled = ExpressionCompiler.compile(call(ADD, DataType.BIGINT,
          column(0, DataType.BIGINT), literal(1L, DataType.BIGINT)));
      SalvoException error = assertThrows(SalvoException.class,
          () -> compiled.evaluate(input, small).close());
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, error.code());
    }
  }

  @Test
  void largeBatchesAgreeWithRowByRowEvaluation() {
    // CASE WHEN x IS NOT NULL AND y <> 0 AND x % y > 2 THEN x / y WHEN x > 50 OR y < -50
    //      THEN x + y ELSE -x END, over sizes that are not multiples of eight
    Random random = new Random(7);
    for (int rowCount : new int[] {1, 7, 9, 64, 1001}) {
      List<Object> xs = new ArrayList<>();
      List<Object> ys = new ArrayList<>();
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < rowCount; i++) {
        Long x = random.nextInt(10) == 0 ? null : (long) random.nextInt(201) - 100;
        Long y = random.nextInt(10) == 0 ? null : (long) random.nextInt(21) - 10;
        xs.add(x);
        ys.add(y);
        expected.add(reference(x, y));
      }
      Expression x = column(0, INTEGER);
      Expression y = column(1, INTEGER);
      Expression zero = literal(0L, INTEGER);
      Expression firstCondition = call(AND, BOOLEAN,
          call(ScalarFunction.IS_NOT_NULL, BOOLEAN, x), call(NOT_EQUAL, BOOLEAN, y, zero),
          call(GREATER_THAN, BOOLEAN, call(MODULO, INTEGER, x, y), literal(2L, INTEGER)));
      Expression secondCondition = call(OR, BOOLEAN,
          call(GREATER_THAN, BOOLEAN, x, literal(50L, INTEGER)),
          call(LESS_THAN, BOOLEAN, y, literal(-50L, INTEGER)));
      Expression expression = call(CASE, INTEGER, firstCondition, call(DIVIDE, INTEGER, x, y),
          secondCondition, call(ADD, INTEGER, x, y),
          call(ScalarFunction.NEGATE, INTEGER, x));
      assertEquals(expected, evaluate(expression, new Values(INTEGER, xs),
          new Values(INTEGER, ys)), "rows: " + rowCount);
    }
  }

  private static Long reference(Long x, Long y) {
    boolean first = x != null && y != null && y != 0 && x % y > 2;
    if (first) {
      return x / y;
    }
    boolean second = (x != null && x > 50) || (y != null && y < -50);
    if (second) {
      return x == null || y == null ? null : x + y;
    }
    return x == null ? null : -x;
  }

  @Test
  void outputHasTheCallTypeEvenWhenTheComputationUsesAnother() {
    try (Batch input = batch(values(DataType.DATE, java.time.LocalDate.of(2020, 5, 17)))) {
      FieldVector output = ExpressionCompiler.compile(call(ScalarFunction.EXTRACT_MONTH,
          INTEGER, column(0, DataType.DATE))).evaluate(input, allocator);
      try (output) {
        assertEquals(INTEGER.toArrowType(), output.getField().getType());
        assertEquals(5L, VectorValues.get(output, 0));
      }
    }
  }
}
