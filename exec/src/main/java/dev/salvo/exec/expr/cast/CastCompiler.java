package dev.salvo.exec.expr.cast;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.RowWiseExpression;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Compiles CAST, and the implicit conversions other functions need between argument types. */
public final class CastCompiler {
  private CastCompiler() {}

  public static VectorExpression compile(Call call) {
    return cast(ExpressionCompiler.compile(call.arguments().get(0)), call.type());
  }

  /** An expression computing CAST({@code source} AS {@code target}). */
  public static VectorExpression cast(VectorExpression source, DataType target) {
    DataType from = source.type();
    if (source instanceof ConstantExpression constant) {
      return new ConstantExpression(ValueConversions.convert(constant.value(), from, target),
          target);
    }
    if (from.kind() == TypeKind.NULL) {
      return ConstantExpression.nullOf(target);
    }
    if (sameValues(from, target)) {
      return new Retyped(source, target);
    }
    if (NumericCastExpression.handles(from, target)) {
      return new NumericCastExpression(source, target);
    }
    if (!ValueConversions.isSupported(from, target)) {
      throw ValueConversions.unsupported(from, target);
    }
    return new RowWiseExpression(List.of(source), target,
        arguments -> ValueConversions.convert(arguments[0], from, target));
  }

  /**
   * Converts {@code source} to {@code target} when their vectors differ; an implicit
   * conversion, such as an INTEGER operand of a DECIMAL addition.
   */
  public static VectorExpression coerce(VectorExpression source, DataType target) {
    if (source.type().hasSameVectors(target)) {
      return source;
    }
    return cast(source, target);
  }

  /** Whether every value of {@code from} is already the same value of {@code to}. */
  private static boolean sameValues(DataType from, DataType to) {
    if (!from.hasSameVectors(to)) {
      return false;
    }
    if (to.kind() == TypeKind.VARCHAR) {
      return to.precision() == 0 || (from.precision() > 0 && from.precision() <= to.precision());
    }
    return true;
  }

  /** The source's vector, reported under the target type (they differ only in metadata). */
  private record Retyped(VectorExpression source, DataType type) implements VectorExpression {
    @Override
    public FieldVector evaluate(Batch input, BufferAllocator allocator) {
      return source.evaluate(input, allocator);
    }
  }
}
