package dev.salvo.exec.batch;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Moves single values between Arrow vectors and their Java form (see {@link DataType}). Meant for
 * literals, VALUES rows and result conversion, not for per-row work in operators' hot loops.
 */
public final class VectorValues {
  private static final LocalDate EPOCH = LocalDate.ofEpochDay(0);

  private VectorValues() {}

  /** The Java value at {@code row}, or null. */
  public static Object get(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof BitVector v) {
      return v.get(row) != 0;
    } else if (vector instanceof TinyIntVector v) {
      return (long) v.get(row);
    } else if (vector instanceof SmallIntVector v) {
      return (long) v.get(row);
    } else if (vector instanceof IntVector v) {
      return (long) v.get(row);
    } else if (vector instanceof BigIntVector v) {
      return v.get(row);
    } else if (vector instanceof Float4Vector v) {
      return (double) v.get(row);
    } else if (vector instanceof Float8Vector v) {
      return v.get(row);
    } else if (vector instanceof DecimalVector v) {
      return v.getObject(row);
    } else if (vector instanceof VarCharVector v) {
      return new String(v.get(row), StandardCharsets.UTF_8);
    } else if (vector instanceof VarBinaryVector v) {
      return v.get(row);
    } else if (vector instanceof DateDayVector v) {
      return LocalDate.ofEpochDay(v.get(row));
    } else if (vector instanceof TimeMilliVector v) {
      return LocalTime.ofNanoOfDay(v.get(row) * 1_000_000L);
    } else if (vector instanceof TimeStampMicroVector v) {
      long micros = v.get(row);
      return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    } else if (vector instanceof IntervalYearVector v) {
      return (long) v.get(row);
    } else if (vector instanceof DurationVector v) {
      return DurationVector.get(v.getDataBuffer(), row);
    } else if (vector instanceof ListVector v) {
      FieldVector elements = v.getDataVector();
      int start = v.getElementStartIndex(row);
      int end = v.getElementEndIndex(row);
      List<Object> values = new ArrayList<>(end - start);
      for (int index = start; index < end; index++) {
        values.add(get(elements, index));
      }
      return values;
    } else if (vector instanceof StructVector v) {
      List<Object> values = new ArrayList<>(v.size());
      for (FieldVector field : v.getChildrenFromFields()) {
        values.add(get(field, row));
      }
      return values;
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "Unsupported vector type " + vector.getField().getType());
  }

  /** Writes {@code value} (in its Java form, or null) at {@code row}, growing the vector. */
  public static void set(FieldVector vector, int row, Object value) {
    if (value == null) {
      if (!(vector instanceof NullVector)) {
        setNull(vector, row);
      }
      return;
    }
    if (vector instanceof BitVector v) {
      v.setSafe(row, ((Boolean) value) ? 1 : 0);
    } else if (vector instanceof TinyIntVector v) {
      v.setSafe(row, (byte) ((Number) value).longValue());
    } else if (vector instanceof SmallIntVector v) {
      v.setSafe(row, (short) ((Number) value).longValue());
    } else if (vector instanceof IntVector v) {
      v.setSafe(row, (int) ((Number) value).longValue());
    } else if (vector instanceof BigIntVector v) {
      v.setSafe(row, ((Number) value).longValue());
    } else if (vector instanceof Float4Vector v) {
      v.setSafe(row, ((Number) value).floatValue());
    } else if (vector instanceof Float8Vector v) {
      v.setSafe(row, ((Number) value).doubleValue());
    } else if (vector instanceof DecimalVector v) {
      BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
      v.setSafe(row, decimal.setScale(v.getScale(), RoundingMode.HALF_UP));
    } else if (vector instanceof VarCharVector v) {
      v.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
    } else if (vector instanceof VarBinaryVector v) {
      v.setSafe(row, (byte[]) value);
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(row, (int) ChronoUnit.DAYS.between(EPOCH, (LocalDate) value));
    } else if (vector instanceof TimeMilliVector v) {
      v.setSafe(row, (int) (((LocalTime) value).toNanoOfDay() / 1_000_000L));
    } else if (vector instanceof TimeStampMicroVector v) {
      LocalDateTime time = (LocalDateTime) value;
      v.setSafe(row, time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000);
    } else if (vector instanceof IntervalYearVector v) {
      long months = value instanceof Period p ? p.toTotalMonths() : ((Number) value).longValue();
      v.setSafe(row, (int) months);
    } else if (vector instanceof DurationVector v) {
      long millis = value instanceof Duration d ? d.toMillis() : ((Number) value).longValue();
      v.setSafe(row, millis);
    } else if (vector instanceof ListVector v) {
      List<?> elements = asList(value, "an ARRAY");
      int start = v.startNewValue(row);
      for (int index = 0; index < elements.size(); index++) {
        set(v.getDataVector(), start + index, elements.get(index));
      }
      v.endValue(row, elements.size());
    } else if (vector instanceof StructVector v) {
      List<?> fieldValues = asList(value, "a ROW");
      List<FieldVector> fields = v.getChildrenFromFields();
      if (fieldValues.size() != fields.size()) {
        throw new SalvoException(ErrorCode.TYPE_MISMATCH, "A ROW of " + fields.size()
            + " fields cannot hold " + fieldValues.size() + " values: " + value);
      }
      for (int index = 0; index < fields.size(); index++) {
        set(fields.get(index), row, fieldValues.get(index));
      }
      v.setIndexDefined(row);
    } else {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Unsupported vector type " + vector.getField().getType());
    }
  }

  private static List<?> asList(Object value, String what) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new SalvoException(ErrorCode.TYPE_MISMATCH,
        "Value " + value + " is not " + what + " value");
  }

  private static void setNull(FieldVector vector, int row) {
    if (vector instanceof StructVector struct) {
      // The fields of a NULL row are NULL too, so that reading a field never finds garbage.
      for (FieldVector field : struct.getChildrenFromFields()) {
        setNull(field, row);
      }
    }
    while (vector.getValueCapacity() <= row) {
      vector.reAlloc();
    }
    vector.setNull(row);
  }

  /** A vector of {@code type} holding {@code values}, allocated from {@code allocator}. */
  public static FieldVector vectorOf(String name, DataType type, List<?> values,
      BufferAllocator allocator) {
    FieldVector vector = type.toField(name).createVector(allocator);
    try {
      vector.setInitialCapacity(Math.max(values.size(), 1));
      vector.allocateNew();
      for (int i = 0; i < values.size(); i++) {
        set(vector, i, values.get(i));
      }
      vector.setValueCount(values.size());
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }
}
