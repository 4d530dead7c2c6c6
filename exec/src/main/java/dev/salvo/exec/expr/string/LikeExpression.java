package dev.salvo.exec.expr.string;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code value LIKE pattern [ESCAPE escape]}. A constant pattern is compiled once; patterns that
 * vary by row are compiled once per distinct pattern within a batch.
 */
final class LikeExpression implements VectorExpression {
  private static final int MAX_CACHED_PATTERNS = 1024;

  private final VectorExpression value;
  private final VectorExpression pattern;
  private final VectorExpression escape;
  private final LikePattern constantPattern;
  private final DataType type;

  /** {@code escape} may be null (no escape character). */
  LikeExpression(VectorExpression value, VectorExpression pattern, VectorExpression escape,
      DataType type) {
    this.value = value;
    this.pattern = pattern;
    this.escape = escape;
    this.type = type;
    boolean constant = pattern instanceof ConstantExpression
        && (escape == null || escape instanceof ConstantExpression);
    this.constantPattern = constant ? LikePattern.compile(
        (String) ((ConstantExpression) pattern).value(),
        escape == null ? null : (String) ((ConstantExpression) escape).value()) : null;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand values = Operand.materialized(value, input, allocator);
        Operand patterns = Operand.of(pattern, input, allocator);
        Operand escapes = escape == null ? null : Operand.of(escape, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, values.vector(), patterns.vector(),
            escapes == null ? null : escapes.vector());
        ArrowBuf data = values.vector().getDataBuffer();
        long capacity = data.capacity();
        long dataAddress = CheckedRange.address(data, capacity);
        // An empty vector may have no offsets at all.
        long offsets = rowCount == 0 ? 0
            : CheckedRange.address(values.vector().getOffsetBuffer(), (rowCount + 1L) << 2);
        ArrowBuf results = output.getDataBuffer();
        Map<String, LikePattern> cache = constantPattern == null ? new HashMap<>() : null;
        for (int i = 0; i < rowCount; i++) {
          if (!Vectors.isSet(validity, i)) {
            continue;
          }
          LikePattern matcher = constantPattern != null ? constantPattern
              : patternOf(patterns, escapes, i, cache);
          int length = CheckedRange.valueLength(offsets, i, capacity);
          if (matcher.matches(dataAddress + MemoryUtil.getInt(offsets + ((long) i << 2)),
              length)) {
            Vectors.setBit(results, i);
          }
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private static LikePattern patternOf(Operand patterns, Operand escapes, int row,
      Map<String, LikePattern> cache) {
    String text = (String) patterns.value(row);
    String escapeText = escapes == null ? null : (String) escapes.value(row);
    String key = escapeText == null ? "N" + text : "E" + escapeText + text;
    LikePattern compiled = cache.get(key);
    if (compiled == null) {
      compiled = LikePattern.compile(text, escapeText);
      if (cache.size() >= MAX_CACHED_PATTERNS) {
        cache.clear();
      }
      cache.put(key, compiled);
    }
    return compiled;
  }

  @Override
  public DataType type() {
    return type;
  }
}
