package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a statement's result as {@code {"columns": [...], "data": [[...], ...]}}, one batch at a
 * time, so that no more than one batch is ever held. An error that arrives once rows have been
 * sent can no longer change the status, so it ends the document with an {@code "error"} member.
 */
final class ResultJsonWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ResultJsonWriter.class);

  private ResultJsonWriter() {}

  /**
   * Writes the whole result, starting with {@code firstBatch} (already taken from the stream, or
   * null for an empty result), and closes every batch it receives.
   *
   * @throws IOException when the client cannot be written to; the caller then closes the stream,
   *     which cancels the statement
   */
  static void write(JsonGenerator json, ResultStream stream, Batch firstBatch)
      throws IOException {
    RowType rowType = stream.rowType();
    SalvoException failure = null;
    Batch batch = firstBatch;
    try {
      json.writeStartObject();
      writeColumns(json, rowType);
      json.writeFieldName("data");
      json.writeStartArray();
      while (batch != null) {
        try (Batch current = batch) {
          batch = null;
          writeRows(json, rowType, current);
        }
        json.flush();
        try {
          batch = stream.next();
        } catch (RuntimeException e) {
          failure = SalvoException.wrap(e);
        }
      }
    } finally {
      if (batch != null) {
        batch.close();
      }
    }
    json.writeEndArray();
    if (!stream.warnings().isEmpty()) {
      json.writeFieldName("warnings");
      json.writeStartArray();
      for (String warning : stream.warnings()) {
        json.writeString(warning);
      }
      json.writeEndArray();
    }
    if (failure != null) {
      LOG.warn("Statement failed after its first rows were sent: {} {}", failure.code(),
          failure.getMessage(), failure);
      ErrorResponses.writeErrorMember(json, failure);
    }
    json.writeEndObject();
  }

  private static void writeColumns(JsonGenerator json, RowType rowType) throws IOException {
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

  private static void writeRows(JsonGenerator json, RowType rowType, Batch batch)
      throws IOException {
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
