package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;

/**
 * Writes a result as CSV (RFC 4180): a header row of column names, then one line per row, lines
 * ending in CRLF. NULL is an empty field; an empty string is {@code ""}. Values are written as
 * in JSON: DECIMAL with every digit, DATE, TIME and TIMESTAMP in ISO-8601, intervals as numbers
 * of months or milliseconds, VARBINARY in base64; an ARRAY or ROW is one field holding its JSON
 * text ({@code "[1,2]"}, {@code "{""a"":1}"}).
 */
final class CsvResultWriter implements ResultWriter {
  private final Writer out;
  private RowType rowType;

  CsvResultWriter(OutputStream body) {
    this.out = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void begin(RowType rowType, Batch firstBatch) throws IOException {
    this.rowType = rowType;
    int index = 0;
    for (Column column : rowType.columns()) {
      if (index++ > 0) {
        out.write(',');
      }
      writeField(column.name(), true);
    }
    out.write("\r\n");
  }

  @Override
  public void write(Batch batch) throws IOException {
    int columns = rowType.size();
    int rows = batch.rowCount();
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        if (column > 0) {
          out.write(',');
        }
        FieldVector vector = batch.column(column);
        if (!vector.isNull(row)) {
          writeValue(rowType.type(column), vector, row);
        }
      }
      out.write("\r\n");
    }
  }

  private void writeValue(DataType type, FieldVector vector, int row) throws IOException {
    switch (type.kind()) {
      case NULL -> {
        // An empty field.
      }
      case REAL -> out.write(Float.toString(((Float4Vector) vector).get(row)));
      case VARCHAR -> writeField((String) VectorValues.get(vector, row), false);
      case VARBINARY -> out.write(
          Base64.getEncoder().encodeToString((byte[]) VectorValues.get(vector, row)));
      case ARRAY, ROW -> writeField(nestedText(type, vector, row), false);
      default -> out.write(text(VectorValues.get(vector, row)));
    }
  }

  /** An ARRAY or ROW as the JSON text the JSON format gives it, so that it parses back. */
  private static String nestedText(DataType type, FieldVector vector, int row)
      throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JsonResponses.FACTORY.createGenerator(text)) {
      ColumnWriter.of(type, vector).writeValue(json, row);
    }
    return text.toString();
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    } else if (value instanceof LocalDate date) {
      return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    } else if (value instanceof LocalTime time) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
    } else if (value instanceof LocalDateTime timestamp) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp);
    }
    return String.valueOf(value);
  }

  /** Writes a text field, quoted when it holds a separator, a quote or a line break. */
  private void writeField(String text, boolean header) throws IOException {
    boolean quote = text.isEmpty() && !header;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.write(text);
      return;
    }
    out.write('"');
    out.write(text.replace("\"", "\"\""));
    out.write('"');
  }

  @Override
  public void end(SalvoException failure) throws IOException {
    out.flush();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}
