package dev.salvo.server.http;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a result as an Arrow IPC stream (the format of {@link ArrowStreamWriter}): the schema,
 * one record batch per result batch, the end-of-stream marker. The batches' buffers are written
 * as they are, without copying them into a fixed root as {@code ArrowStreamWriter} would need.
 * Column names are the result's; the field types are the batches' own.
 */
final class ArrowResultWriter implements ResultWriter {
  private final OutputStream body;
  private final WriteChannel channel;

  ArrowResultWriter(OutputStream body) {
    this.body = body;
    this.channel = new WriteChannel(Channels.newChannel(body));
  }

  @Override
  public void begin(RowType rowType, Batch firstBatch) throws IOException {
    Schema schema;
    if (firstBatch == null) {
      schema = rowType.toArrowSchema();
    } else {
      List<Field> fields = new ArrayList<>(rowType.size());
      for (int i = 0; i < rowType.size(); i++) {
        FieldVector vector = firstBatch.column(i);
        Field field = vector.getField();
        fields.add(new Field(rowType.column(i).name(), field.getFieldType(),
            field.getChildren()));
      }
      schema = new Schema(fields);
    }
    MessageSerializer.serialize(channel, schema, IpcOption.DEFAULT);
  }

  @Override
  public void write(Batch batch) throws IOException {
    try (ArrowRecordBatch record = new VectorUnloader(batch.root()).getRecordBatch()) {
      MessageSerializer.serialize(channel, record, IpcOption.DEFAULT);
    }
  }

  @Override
  public void end(SalvoException failure) throws IOException {
    ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
    body.flush();
  }

  @Override
  public void flush() throws IOException {
    body.flush();
  }
}
