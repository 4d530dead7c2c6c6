package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Writes the values of one result column as JSON: numbers as numbers (DECIMAL exactly),
 * strings, booleans, null, DATE, TIME and TIMESTAMP as ISO-8601 strings, intervals as their
 * number of months or milliseconds, VARBINARY as base64, ARRAY as a JSON array and ROW as a
 * JSON object keyed by field name, each component written by these same rules. Reads the vector directly rather than
 * through boxed Java values, because every row of every result passes through here.
 */
@FunctionalInterface
interface ColumnWriter {

  /** Writes the value at {@code row}, which is not null. */
  void writeValue(JsonGenerator json, int row) throws IOException;

  /** A writer for {@code vector}, which holds values of {@code type}. */
  static ColumnWriter of(DataType type, FieldVector vector) {
    ColumnWriter values = valueWriter(type, vector);
    return (json, row) -> {
      if (vector.isNull(row)) {
        json.writeNull();
      } else {
        values.writeValue(json, row);
      }
    };
  }

  private static ColumnWriter valueWriter(DataType type, FieldVector vector) {
    return switch (type.kind()) {
      case NULL -> (json, row) -> json.writeNull();
      case BOOLEAN -> {
        BitVector bits = (BitVector) vector;
        yield (json, row) -> json.writeBoolean(bits.get(row) != 0);
      }
      case TINYINT -> {
        TinyIntVector tinyInts = (TinyIntVector) vector;
        yield (json, row) -> json.writeNumber(tinyInts.get(row));
      }
      case SMALLINT -> {
        SmallIntVector smallInts = (SmallIntVector) vector;
        yield (json, row) -> json.writeNumber(smallInts.get(row));
      }
      case INTEGER -> {
        IntVector ints = (IntVector) vector;
        yield (json, row) -> json.writeNumber(ints.get(row));
      }
      case BIGINT -> {
        BigIntVector bigInts = (BigIntVector) vector;
        yield (json, row) -> json.writeNumber(bigInts.get(row));
      }
      case REAL -> {
        // Written as a float so that 0.1 reads back as 0.1, not as its widened double.
        Float4Vector floats = (Float4Vector) vector;
        yield (json, row) -> json.writeNumber(floats.get(row));
      }
      case DOUBLE -> {
        Float8Vector doubles = (Float8Vector) vector;
        yield (json, row) -> json.writeNumber(doubles.get(row));
      }
      case DECIMAL -> {
        DecimalVector decimals = (DecimalVector) vector;
        yield (json, row) -> json.writeNumber(decimals.getObject(row));
      }
      case VARCHAR -> {
        VarCharVector strings = (VarCharVector) vector;
        yield (json, row) -> {
          byte[] utf8 = strings.get(row);
          json.writeString(new String(utf8, StandardCharsets.UTF_8));
        };
      }
      case VARBINARY -> {
        VarBinaryVector binaries = (VarBinaryVector) vector;
        yield (json, row) -> json.writeBinary(binaries.get(row));
      }
      case DATE -> {
        DateDayVector days = (DateDayVector) vector;
        yield (json, row) -> json.writeString(
            DateTimeFormatter.ISO_LOCAL_DATE.format(LocalDate.ofEpochDay(days.get(row))));
      }
      case TIME -> {
        TimeMilliVector millis = (TimeMilliVector) vector;
        yield (json, row) -> json.writeString(DateTimeFormatter.ISO_LOCAL_TIME.format(
            LocalTime.ofNanoOfDay(millis.get(row) * 1_000_000L)));
      }
      case TIMESTAMP -> {
        TimeStampMicroVector micros = (TimeStampMicroVector) vector;
        yield (json, row) -> {
          long value = micros.get(row);
          LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
              (int) Math.floorMod(value, 1_000_000L) * 1000, ZoneOffset.UTC);
          json.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time));
        };
      }
      case INTERVAL_YEAR_MONTH -> {
        IntervalYearVector months = (IntervalYearVector) vector;
        yield (json, row) -> json.writeNumber(months.get(row));
      }
      case INTERVAL_DAY_TIME -> {
        DurationVector durations = (DurationVector) vector;
        yield (json, row) -> json.writeNumber(
            DurationVector.get(durations.getDataBuffer(), row));
      }
      case ARRAY -> {
        ListVector lists = (ListVector) vector;
        ColumnWriter elements = of(type.elementType(), lists.getDataVector());
        yield (json, row) -> {
          json.writeStartArray();
          int end = lists.getElementEndIndex(row);
          for (int index = lists.getElementStartIndex(row); index < end; index++) {
            elements.writeValue(json, index);
          }
          json.writeEndArray();
        };
      }
      case ROW -> {
        StructVector structs = (StructVector) vector;
        List<FieldVector> children = structs.getChildrenFromFields();
        List<Column> fields = type.fields();
        ColumnWriter[] fieldWriters = new ColumnWriter[fields.size()];
        for (int index = 0; index < fieldWriters.length; index++) {
          fieldWriters[index] = of(fields.get(index).type(), children.get(index));
        }
        yield (json, row) -> {
          json.writeStartObject();
          for (int index = 0; index < fieldWriters.length; index++) {
            json.writeFieldName(fields.get(index).name());
            fieldWriters[index].writeValue(json, row);
          }
          json.writeEndObject();
        };
      }
    };
  }
}
