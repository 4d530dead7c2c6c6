package dev.salvo.exec.expr;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.arithmetic.ArithmeticCompiler;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.expr.compare.ComparisonCompiler;
import dev.salvo.exec.expr.conditional.ConditionalCompiler;
import dev.salvo.exec.expr.datetime.DateTimeCompiler;
import dev.salvo.exec.expr.logic.LogicCompiler;
import dev.salvo.exec.expr.nested.NestedCompiler;
import dev.salvo.exec.expr.string.StringCompiler;
import dev.salvo.exec.expr.vector.ColumnExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.ExpressionFacts;
import dev.salvo.exec.expr.vector.InPlaceSelection;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Turns an {@link Expression} tree into a {@link VectorExpression}.
 *
 * <pre>
 *   Expression ─ compile ─> per-family compilers (arithmetic, compare, logic, conditional,
 *                            cast, string, datetime, nested) ─> kernels over Arrow buffers
 * </pre>
 *
 * Along the way a call with a NULL argument that makes it NULL becomes a constant, and a call
 * that reads no column is evaluated once, here, unless that raises an error (which must then
 * surface only if a row ever reaches it).
 */
public final class ExpressionCompiler {
  private ExpressionCompiler() {}

  /**
   * Compiles {@code expression}.
   *
   * @throws SalvoException NOT_SUPPORTED or TYPE_MISMATCH for a function or argument types the
   *     executor cannot evaluate
   */
  public static VectorExpression compile(Expression expression) {
    if (expression instanceof ColumnReference column) {
      return column.type().kind() == TypeKind.NULL ? ConstantExpression.nullOf(column.type())
          : new ColumnExpression(column.index(), column.type());
    }
    if (expression instanceof Literal literal) {
      return new ConstantExpression(normalize(literal.value(), literal.type()), literal.type());
    }
    Call call = (Call) expression;
    if (isNullBecauseOfArgument(call)) {
      return ConstantExpression.nullOf(call.type());
    }
    VectorExpression compiled = switch (call.function()) {
      case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, NEGATE, ABS, ROUND, FLOOR, CEIL ->
          ArithmeticCompiler.compile(call);
      case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
          IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, BETWEEN, IN -> ComparisonCompiler.compile(call);
      case AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE ->
          LogicCompiler.compile(call);
      case CASE, COALESCE, NULLIF -> ConditionalCompiler.compile(call);
      case CAST -> CastCompiler.compile(call);
      case LIKE, SUBSTRING, UPPER, LOWER, TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING, CHAR_LENGTH,
          CONCAT, POSITION, REPLACE -> StringCompiler.compile(call);
      case EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_WEEK, EXTRACT_DAY,
          EXTRACT_DAY_OF_WEEK, EXTRACT_DAY_OF_YEAR, EXTRACT_HOUR, EXTRACT_MINUTE,
          EXTRACT_SECOND -> DateTimeCompiler.compileExtract(call);
      case ARRAY_VALUE, ROW_VALUE, ELEMENT_AT, FIELD, CARDINALITY -> NestedCompiler.compile(call);
    };
    if (compiled instanceof ConstantExpression) {
      return compiled;
    }
    if (ExpressionFacts.referencedColumns(call).isEmpty()) {
      VectorExpression folded = fold(compiled, call.type());
      if (folded != null) {
        return folded;
      }
    }
    return new Guarded(compiled, call);
  }

  /** Whether a NULL argument makes the whole call NULL whatever the other arguments are. */
  private static boolean isNullBecauseOfArgument(Call call) {
    List<Expression> arguments = call.arguments();
    return switch (call.function()) {
      case AND, OR, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE,
          IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, CASE, COALESCE, ARRAY_VALUE, ROW_VALUE -> false;
      case NULLIF, IN -> isNull(arguments.get(0));
      default -> arguments.stream().anyMatch(ExpressionCompiler::isNull);
    };
  }

  private static boolean isNull(Expression expression) {
    return (expression instanceof Literal literal && literal.value() == null)
        || expression.type().kind() == TypeKind.NULL;
  }

  /** Literal values in the exact Java class the kernels expect for their type. */
  private static Object normalize(Object value, DataType type) {
    if (!(value instanceof Number number)) {
      return value;
    }
    TypeKind kind = type.kind();
    if (kind.isInteger() || kind.isInterval()) {
      return number.longValue();
    }
    if (kind == TypeKind.REAL || kind == TypeKind.DOUBLE) {
      return number.doubleValue();
    }
    if (kind == TypeKind.DECIMAL && !(value instanceof BigDecimal)) {
      return new BigDecimal(number.toString());
    }
    return value;
  }

  /** The value of a column-free expression, or null when computing it raises an error. */
  private static VectorExpression fold(VectorExpression compiled, DataType type) {
    try (BufferAllocator allocator = new RootAllocator();
        Batch oneRow = Batch.of(List.of(), 1);
        FieldVector value = compiled.evaluate(oneRow, allocator)) {
      return new ConstantExpression(VectorValues.get(value, 0), type);
    } catch (SalvoException dataError) {
      return null;
    }
  }

  /**
   * The kernel a compiled expression runs, without the wrapper that reports its failures: for
   * compilers that combine compiled calls into one kernel and wrap that.
   */
  public static VectorExpression kernel(VectorExpression compiled) {
    return compiled instanceof Guarded guarded ? guarded.compiled() : compiled;
  }

  /** Reports every failure of a call's evaluation as a {@link SalvoException}. */
  private record Guarded(VectorExpression compiled, Call call)
      implements VectorExpression, InPlaceSelection {
    @Override
    public FieldVector evaluate(Batch input, BufferAllocator allocator) {
      try {
        return compiled.evaluate(input, allocator);
      } catch (RuntimeException | OutOfMemoryError e) {
        throw SalvoException.wrap(e);
      }
    }

    @Override
    public FieldVector evaluateSelected(Batch input, int[] rows, int count,
        BufferAllocator allocator) {
      if (!(compiled instanceof InPlaceSelection inPlace)) {
        return null;
      }
      try {
        return inPlace.evaluateSelected(input, rows, count, allocator);
      } catch (RuntimeException | OutOfMemoryError e) {
        throw SalvoException.wrap(e);
      }
    }

    @Override
    public DataType type() {
      return call.type();
    }
  }
}
