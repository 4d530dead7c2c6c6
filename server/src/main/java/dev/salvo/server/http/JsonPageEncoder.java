package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.PageEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** Encodes a result page as the JSON array of its rows, the {@code "data"} of a status page. */
public final class JsonPageEncoder implements PageEncoder {
  @Override
  public byte[] encode(RowType rowType, List<Batch> batches) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JsonResponses.FACTORY.createGenerator(bytes)) {
      json.writeStartArray();
      for (Batch batch : batches) {
        JsonResultWriter.writeRows(json, rowType, batch);
      }
      json.writeEndArray();
    }
    return bytes.toByteArray();
  }
}
