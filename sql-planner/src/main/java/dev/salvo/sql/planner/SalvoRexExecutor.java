package dev.salvo.sql.planner;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.sql.lower.ExpressionLowering;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Folds constant expressions at planning time with Salvo's own evaluator, so that a folded
 * constant means exactly what the executor would have computed: overflow is an error, casts round
 * half up, and so on. An expression whose evaluation fails is left as it is, so the error is
 * raised at run time, only if a row actually reaches it.
 */
public final class SalvoRexExecutor implements RexExecutor, AutoCloseable {
  /** Constants are single values; a small shared budget is plenty. */
  private static final long MEMORY_LIMIT = 16L << 20;

  private final BufferAllocator allocator = new RootAllocator(MEMORY_LIMIT);

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constantExpressions,
      List<RexNode> reducedValues) {
    ExpressionLowering lowering = new ExpressionLowering(rexBuilder);
    for (RexNode constant : constantExpressions) {
      RexNode reduced = null;
      try {
        reduced = evaluate(rexBuilder, lowering, constant);
      } catch (SalvoException e) {
        // Keep the expression: the executor raises the error if a row reaches it.
      }
      reducedValues.add(reduced == null ? constant : reduced);
    }
  }

  private RexNode evaluate(RexBuilder rexBuilder, ExpressionLowering lowering, RexNode constant) {
    Expression expression = lowering.lower(constant);
    try (Batch oneRow = Batch.of(List.of(), 1);
        FieldVector result = ExpressionCompiler.compile(expression).evaluate(oneRow, allocator)) {
      return toLiteral(rexBuilder, VectorValues.get(result, 0), constant.getType());
    }
  }

  /** The value as a Calcite literal of {@code type}, or null when it has no literal form. */
  private static RexNode toLiteral(RexBuilder rexBuilder, Object value, RelDataType type) {
    if (value == null) {
      return rexBuilder.makeNullLiteral(type);
    }
    SqlTypeName typeName = type.getSqlTypeName();
    Object literal;
    if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        return null;
      }
      literal = BigDecimal.valueOf(number);
    } else if (value instanceof Long number) {
      literal = BigDecimal.valueOf(number);
    } else if (value instanceof LocalDate date) {
      literal = DateString.fromDaysSinceEpoch((int) date.toEpochDay());
    } else if (value instanceof LocalTime time) {
      literal = TimeString.fromMillisOfDay((int) (time.toNanoOfDay() / 1_000_000));
    } else if (value instanceof LocalDateTime timestamp) {
      literal = TimestampString.fromMillisSinceEpoch(
          timestamp.toInstant(java.time.ZoneOffset.UTC).toEpochMilli())
          .withNanos(timestamp.getNano());
    } else if (value instanceof String text) {
      literal = new NlsString(text, null, null);
    } else if (value instanceof Boolean || value instanceof BigDecimal) {
      literal = value;
    } else {
      return null;
    }
    if (typeName == SqlTypeName.CHAR && literal instanceof NlsString) {
      // A folded string keeps its own length rather than being padded to a CHAR(n).
      return rexBuilder.makeLiteral(((NlsString) literal).getValue());
    }
    return rexBuilder.makeLiteral(literal, type, false);
  }

  @Override
  public void close() {
    allocator.close();
  }
}
