package dev.salvo.exec.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;

/** Builds small batches, compiles and evaluates expressions, and checks that nothing leaks. */
abstract class ExpressionTestSupport {
  protected final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close(); // fails the test if any buffer leaked
  }

  /** The values of one input column. */
  protected record Values(DataType type, List<Object> values) {}

  protected static Values values(DataType type, Object... values) {
    return new Values(type, Arrays.asList(values));
  }

  protected static ColumnReference column(int index, DataType type) {
    return new ColumnReference(index, type);
  }

  protected static Literal literal(Object value, DataType type) {
    return new Literal(value, type);
  }

  protected static Call call(ScalarFunction function, DataType type, Expression... arguments) {
    return Call.of(function, type, arguments);
  }

  protected Batch batch(Values... columns) {
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      vectors.add(VectorValues.vectorOf("c" + i, columns[i].type(), columns[i].values(),
          allocator));
    }
    return Batch.of(vectors, columns.length == 0 ? 0 : columns[0].values().size());
  }

  /** A batch of {@code rowCount} rows whose only column no expression reads. */
  protected Batch rows(int rowCount) {
    return batch(values(DataType.INTEGER, new Object[rowCount]));
  }

  /** Evaluates on {@code input}, checking the output's length and type, and returns its values. */
  protected List<Object> evaluate(Expression expression, Batch input) {
    VectorExpression compiled = ExpressionCompiler.compile(expression);
    try (FieldVector output = compiled.evaluate(input, allocator)) {
      assertEquals(input.rowCount(), output.getValueCount(), "output value count");
      assertEquals(expression.type().toArrowType(), output.getField().getType(), "output type");
      List<Object> result = new ArrayList<>();
      for (int i = 0; i < output.getValueCount(); i++) {
        result.add(VectorValues.get(output, i));
      }
      return result;
    }
  }

  protected List<Object> evaluate(Expression expression, Values... columns) {
    try (Batch input = batch(columns)) {
      return evaluate(expression, input);
    }
  }

  /** The single value of an expression that reads no column. */
  protected Object evaluateConstant(Expression expression) {
    try (Batch input = rows(1)) {
      return evaluate(expression, input).get(0);
    }
  }

  protected void assertValues(Expression expression, List<?> expected, Values... columns) {
    assertEquals(expected, evaluate(expression, columns), expression.toString());
  }

  protected SalvoException assertError(ErrorCode code, Expression expression, Values... columns) {
    try (Batch input = batch(columns)) {
      VectorExpression compiled = ExpressionCompiler.compile(expression);
      SalvoException error = assertThrows(SalvoException.class,
          () -> compiled.evaluate(input, allocator).close());
      assertEquals(code, error.code(), error.getMessage());
      return error;
    }
  }

  protected static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }
}
