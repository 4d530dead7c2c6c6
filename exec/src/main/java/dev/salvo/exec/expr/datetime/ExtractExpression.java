package dev.salvo.exec.expr.datetime;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** EXTRACT of one field from a DATE, TIMESTAMP or TIME, as an integer. */
final class ExtractExpression implements VectorExpression {
  private static final long MICROS_PER_DAY = DateTimeArithmeticExpression.MICROS_PER_DAY;

  private final ScalarFunction field;
  private final VectorExpression operand;
  private final DataType type;

  ExtractExpression(ScalarFunction field, VectorExpression operand, DataType type) {
    this.field = field;
    this.operand = operand;
    this.type = type;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    try (Operand value = Operand.materialized(operand, input, allocator)) {
      FieldVector output = Vectors.allocate(type, rowCount, allocator);
      try {
        ArrowBuf validity = output.getValidityBuffer();
        Vectors.intersectValidity(validity, rowCount, value.vector());
        ArrowBuf in = value.vector().getDataBuffer();
        ArrowBuf out = output.getDataBuffer();
        TypeKind kind = operand.type().kind();
        int inWidth = Vectors.longWidth(kind);
        int outWidth = Vectors.longWidth(type.kind());
        for (int i = 0; i < rowCount; i++) {
          if (!Vectors.isSet(validity, i)) {
            continue;
          }
          long stored = Vectors.readLong(in, inWidth, i);
          long result = switch (kind) {
            case DATE -> fromDate(stored, 0);
            case TIMESTAMP -> fromDate(Math.floorDiv(stored, MICROS_PER_DAY),
                Math.floorMod(stored, MICROS_PER_DAY) / 1000);
            default -> fromTimeOfDay(stored);
          };
          Vectors.writeLong(out, outWidth, i, result);
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  private long fromDate(long epochDay, long millisOfDay) {
    if (isTimeField(field)) {
      return fromTimeOfDay(millisOfDay);
    }
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    return switch (field) {
      case EXTRACT_YEAR -> date.getYear();
      case EXTRACT_QUARTER -> (date.getMonthValue() + 2) / 3;
      case EXTRACT_MONTH -> date.getMonthValue();
      case EXTRACT_WEEK -> date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case EXTRACT_DAY -> date.getDayOfMonth();
      case EXTRACT_DAY_OF_WEEK -> date.getDayOfWeek().getValue() % 7 + 1; // Sunday is 1
      case EXTRACT_DAY_OF_YEAR -> date.getDayOfYear();
      default -> throw new IllegalStateException(field.name());
    };
  }

  private long fromTimeOfDay(long millisOfDay) {
    return switch (field) {
      case EXTRACT_HOUR -> millisOfDay / 3_600_000L;
      case EXTRACT_MINUTE -> millisOfDay / 60_000L % 60;
      case EXTRACT_SECOND -> millisOfDay / 1000 % 60;
      default -> throw new IllegalStateException(field.name());
    };
  }

  static boolean isTimeField(ScalarFunction field) {
    return field == ScalarFunction.EXTRACT_HOUR || field == ScalarFunction.EXTRACT_MINUTE
        || field == ScalarFunction.EXTRACT_SECOND;
  }

  @Override
  public DataType type() {
    return type;
  }
}
