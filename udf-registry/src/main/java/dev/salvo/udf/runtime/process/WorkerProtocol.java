package dev.salvo.udf.runtime.process;

import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.util.TransferPair;

/** Frames between the server and a worker: tags, strings, types and Arrow IPC batches. */
final class WorkerProtocol {
  static final byte INIT = 1;
  static final byte CALL = 2;
  static final byte CLOSE = 3;
  static final byte READY = 10;
  static final byte RESULT = 11;
  static final byte FAILED = 12;

  /** Exit status of a worker its watchdog stopped because a call ran past the timeout. */
  static final int TIMEOUT_EXIT_STATUS = 124;

  private WorkerProtocol() {}

  /** Rows and vectors read from one IPC frame; the vectors belong to the reader's caller. */
  record Vectors(int rowCount, List<FieldVector> vectors) {}

  static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeType(DataOutputStream out, DataType type) throws IOException {
    writeString(out, type.kind().name());
    out.writeInt(type.precision());
    out.writeInt(type.scale());
    out.writeBoolean(type.nullable());
    out.writeInt(type.fields().size());
    for (Column field : type.fields()) {
      writeString(out, field.name());
      writeType(out, field.type());
    }
  }

  static DataType readType(DataInputStream in) throws IOException {
    TypeKind kind = TypeKind.valueOf(readString(in));
    int precision = in.readInt();
    int scale = in.readInt();
    boolean nullable = in.readBoolean();
    int fieldCount = in.readInt();
    List<Column> fields = new ArrayList<>(fieldCount);
    for (int index = 0; index < fieldCount; index++) {
      String name = readString(in);
      fields.add(new Column(name, readType(in)));
    }
    return new DataType(kind, precision, scale, nullable, fields);
  }

  static void writeVectors(DataOutputStream out, List<FieldVector> vectors, int rowCount)
      throws IOException {
    out.writeInt(rowCount);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // The root only borrows the vectors: it is not closed here.
    VectorSchemaRoot root = new VectorSchemaRoot(
        vectors.stream().map(FieldVector::getField).toList(), new ArrayList<>(vectors),
        rowCount);
    try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null,
        Channels.newChannel(bytes))) {
      writer.start();
      writer.writeBatch();
      writer.end();
    }
    out.writeInt(bytes.size());
    bytes.writeTo(out);
  }

  static Vectors readVectors(DataInputStream in, BufferAllocator allocator) throws IOException {
    int rowCount = in.readInt();
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    List<FieldVector> vectors = new ArrayList<>();
    try (ArrowStreamReader reader =
        new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
      if (!reader.loadNextBatch()) {
        throw new IOException("Arrow IPC frame without a batch");
      }
      for (FieldVector vector : reader.getVectorSchemaRoot().getFieldVectors()) {
        TransferPair transfer = vector.getTransferPair(allocator);
        transfer.transfer();
        vectors.add((FieldVector) transfer.getTo());
      }
    } catch (IOException | RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new Vectors(rowCount, vectors);
  }
}
