package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a result as {@code {"columns": [...], "data": [[...], ...]}}; an error that arrives once
 * rows have been sent ends the document with an {@code "error"} member.
 */
final class JsonResultWriter implements ResultWriter {
  private final JsonGenerator json;
  private RowType rowType;
  private List<String> warnings = List.of();

  JsonResultWriter(OutputStream body) {
    try {
      this.json = JsonResponses.FACTORY.createGenerator(body)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void begin(RowType rowType, Batch firstBatch) throws IOException {
    this.rowType = rowType;
    json.writeStartObject();
    writeColumns(json, rowType);
    json.writeFieldName("data");
    json.writeStartArray();
  }

  @Override
  public void write(Batch batch) throws IOException {
    writeRows(json, rowType, batch);
  }

  /** JSON has room for an error after the rows: the {@code "error"} member. */
  @Override
  public boolean reportsLateErrors() {
    return true;
  }

  @Override
  public void warnings(List<String> warnings) {
    this.warnings = List.copyOf(warnings);
  }

  @Override
  public void end(SalvoException failure) throws IOException {
    json.writeEndArray();
    writeWarnings(json, warnings);
    if (failure != null) {
      ErrorResponses.writeErrorMember(json, failure);
    }
    json.writeEndObject();
    json.close();
  }

  @Override
  public void flush() throws IOException {
    json.flush();
  }

  /** Writes {@code "warnings": ["...", ...]}, or nothing when there are none. */
  static void writeWarnings(JsonGenerator json, List<String> warnings) throws IOException {
    if (warnings.isEmpty()) {
      return;
    }
    json.writeFieldName("warnings");
    json.writeStartArray();
    for (String warning : warnings) {
      json.writeString(warning);
    }
    json.writeEndArray();
  }

  /** Writes {@code "columns": [{"name": ..., "type": ...}, ...]}. */
  static void writeColumns(JsonGenerator json, RowType rowType) throws IOException {
    json.writeFieldName("columns");
    json.writeStartArray();
    for (Column column : rowType.columns()) {
      json.writeStartObject();
      json.writeStringField("name", column.name());
      json.writeStringField("type", column.type().sqlName());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Writes each row of {@code batch} as an array of values. */
  static void writeRows(JsonGenerator json, RowType rowType, Batch batch) throws IOException {
    if (batch.columnCount() != rowType.size()) {
      throw new IllegalStateException("A batch of " + batch.columnCount()
          + " columns arrived for a result of " + rowType.size());
    }
    List<ColumnWriter> writers = new ArrayList<>(rowType.size());
    for (int i = 0; i < rowType.size(); i++) {
      writers.add(ColumnWriter.of(rowType.type(i), batch.column(i)));
    }
    int rowCount = batch.rowCount();
    for (int row = 0; row < rowCount; row++) {
      json.writeStartArray();
      for (ColumnWriter writer : writers) {
        writer.writeValue(json, row);
      }
      json.writeEndArray();
    }
  }
}
