package dev.salvo.server.flightsql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Reads the parameter values a client bound to a prepared statement out of Arrow vectors, as
 * the Java values the engine's parameter binding takes. Clients choose the vector types (usually
 * the parameter schema the server sent, but not always), so any common type is accepted.
 */
final class ParameterValues {
  private ParameterValues() {}

  /** The values of one row, in column order. */
  static List<Object> row(VectorSchemaRoot root, int row) {
    List<Object> values = new ArrayList<>(root.getFieldVectors().size());
    for (FieldVector vector : root.getFieldVectors()) {
      values.add(value(vector, row));
    }
    return values;
  }

  static Object value(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    Object value = vector.getObject(row);
    if (vector instanceof DateDayVector) {
      return LocalDate.ofEpochDay((Integer) value);
    }
    if (vector instanceof DateMilliVector) {
      return ((LocalDateTime) value).toLocalDate();
    }
    if (vector instanceof TimeSecVector || vector instanceof TimeMilliVector
        || vector instanceof TimeMicroVector || vector instanceof TimeNanoVector) {
      return value instanceof LocalDateTime time ? time.toLocalTime()
          : LocalTime.ofNanoOfDay(nanosOfDay(vector, ((Number) value).longValue()));
    }
    if (value instanceof Text text) {
      return text.toString();
    }
    return value;
  }

  private static long nanosOfDay(FieldVector vector, long value) {
    if (vector instanceof TimeSecVector) {
      return value * 1_000_000_000L;
    }
    return vector instanceof TimeMicroVector ? value * 1_000L : value;
  }
}
