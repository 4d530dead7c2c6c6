package dev.salvo.exec.connector.storage;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Reads a range of record batches of one data file, handing out the requested columns in
 * batches of at most the requested size.
 *
 * <p>Only the bytes of the requested columns are read: each record batch's metadata says where
 * every column's buffers lie in its body, and a column's buffers are contiguous there, so one
 * positional read per column fills them. A scan of 4 of lineitem's 16 columns reads a quarter
 * of the file instead of all of it.
 *
 * <p>Salvo's own data files are not read at all but {@linkplain MappedDataFiles mapped}: the
 * column buffers handed out lie in the page cache, and only the record batch metadata is read.
 */
final class StoredBatchReader implements BatchReader {
  private final String tableName;
  private final StoredTableSplit split;
  private final List<Integer> columns;
  private final BufferAllocator allocator;
  private final int batchSize;
  private FileChannel channel;
  /** The file's mapping; null where the file is copied instead. */
  private MappedDataFiles.MappedFile mapped;
  /** Holds the schema and the record batches' places; closing it closes {@link #channel}. */
  private ArrowFileReader footer;
  private List<ArrowBlock> blocks;
  private ColumnLayout[] layouts;
  private VectorSchemaRoot loaded;
  private VectorLoader loader;
  private int nextBlock;
  private int rowInLoadedBatch;

  StoredBatchReader(String tableName, Path directory, StoredTableSplit split,
      List<Integer> columns, BufferAllocator allocator, int batchSize, MappedDataFiles mappings) {
    this.tableName = tableName;
    this.split = split;
    this.columns = List.copyOf(columns);
    this.allocator = allocator;
    this.batchSize = batchSize;
    if (split.batchCount() == 0) {
      return;
    }
    Path file = directory.resolve(split.file().fileName());
    Schema schema;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      // The footer reader only learns the schema and where the record batches lie; the batches
      // themselves are read column by column below, through the same channel.
      footer = new ArrowFileReader(channel, allocator);
      blocks = footer.getRecordBlocks();
      schema = footer.getVectorSchemaRoot().getSchema();
      mapped = mappings == null ? null : mappings.acquire(file);
    } catch (IOException | RuntimeException e) {
      close();
      throw cannotRead(e);
    }
    if (blocks.size() < split.firstBatch() + split.batchCount()) {
      int found = blocks.size();
      close();
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Data file " + file + " of table "
          + tableName + " holds " + found + " record batches, the catalog expects at least "
          + (split.firstBatch() + split.batchCount()));
    }
    layouts = ColumnLayout.of(schema);
    List<Field> projected = new ArrayList<>(columns.size());
    for (int column : columns) {
      projected.add(schema.getFields().get(column));
    }
    loaded = VectorSchemaRoot.create(new Schema(projected), allocator);
    loader = new VectorLoader(loaded);
    nextBlock = split.firstBatch();
    rowInLoadedBatch = -1;
  }

  @Override
  public Batch next() {
    if (channel == null) {
      return null;
    }
    try {
      while (rowInLoadedBatch < 0 || rowInLoadedBatch >= loaded.getRowCount()) {
        if (nextBlock >= split.firstBatch() + split.batchCount()) {
          return null;
        }
        loadColumns(blocks.get(nextBlock++));
        rowInLoadedBatch = 0;
      }
    } catch (IOException e) {
      throw cannotRead(e);
    }
    int rowCount = Math.min(batchSize, loaded.getRowCount() - rowInLoadedBatch);
    boolean whole = rowCount == loaded.getRowCount();
    List<FieldVector> vectors = new ArrayList<>(columns.size());
    try {
      for (FieldVector vector : loaded.getFieldVectors()) {
        TransferPair transfer = vector.getTransferPair(allocator);
        if (whole) {
          // Hands the buffers over as they are; a split would copy the offsets of strings.
          transfer.transfer();
        } else {
          transfer.splitAndTransfer(rowInLoadedBatch, rowCount);
        }
        vectors.add((FieldVector) transfer.getTo());
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    rowInLoadedBatch += rowCount;
    return Batch.of(vectors, rowCount);
  }

  /** Reads the requested columns of one record batch into {@link #loaded}. */
  private void loadColumns(ArrowBlock block) throws IOException {
    channel.position(block.getOffset());
    MessageMetadataResult message = MessageSerializer.readMessage(new ReadChannel(channel));
    if (message == null || message.getMessage().headerType() != MessageHeader.RecordBatch) {
      throw new IOException("no record batch at offset " + block.getOffset());
    }
    RecordBatch metadata = (RecordBatch) message.getMessage().header(new RecordBatch());
    if (metadata.compression() != null || metadata.variadicBufferCountsLength() > 0) {
      throw new IOException("compressed or variadic record batches are not written by Salvo");
    }
    long bodyStart = block.getOffset() + block.getMetadataLength();
    List<ArrowFieldNode> nodes = new ArrayList<>();
    List<ArrowBuf> buffers = new ArrayList<>();
    List<ArrowBuf> columnBytes = new ArrayList<>(columns.size());
    try {
      for (int column : columns) {
        ColumnLayout layout = layouts[column];
        for (int n = layout.firstNode; n < layout.firstNode + layout.nodeCount; n++) {
          nodes.add(new ArrowFieldNode(metadata.nodes(n).length(),
              metadata.nodes(n).nullCount()));
        }
        long start = Long.MAX_VALUE;
        long end = 0;
        for (int b = layout.firstBuffer; b < layout.firstBuffer + layout.bufferCount; b++) {
          start = Math.min(start, metadata.buffers(b).offset());
          end = Math.max(end, metadata.buffers(b).offset() + metadata.buffers(b).length());
        }
        long length = Math.max(0, end - start);
        ArrowBuf bytes = bytesAt(bodyStart + start, length);
        columnBytes.add(bytes);
        for (int b = layout.firstBuffer; b < layout.firstBuffer + layout.bufferCount; b++) {
          buffers.add(bytes.slice(metadata.buffers(b).offset() - start,
              metadata.buffers(b).length()));
        }
      }
      try (ArrowRecordBatch projected = new ArrowRecordBatch(
          Math.toIntExact(metadata.length()), nodes, buffers)) {
        loader.load(projected);
      }
    } finally {
      // The loaded vectors hold their own references to these bytes.
      columnBytes.forEach(ArrowBuf::close);
    }
  }

  /** The file's bytes {@code [position, position + length)}: mapped where it can, else copied. */
  private ArrowBuf bytesAt(long position, long length) throws IOException {
    ArrowBuf bytes = mapped == null ? null : mapped.wrap(allocator, position, length);
    if (bytes != null) {
      return bytes;
    }
    bytes = allocator.buffer(length);
    try {
      readFully(bytes, length, position);
      return bytes;
    } catch (IOException | RuntimeException e) {
      bytes.close();
      throw e;
    }
  }

  /** Fills the first {@code length} bytes of {@code target} (its capacity may be larger). */
  private void readFully(ArrowBuf target, long length, long position) throws IOException {
    ByteBuffer window = target.nioBuffer(0, Math.toIntExact(length));
    long at = position;
    while (window.hasRemaining()) {
      int read = channel.read(window, at);
      if (read < 0) {
        throw new IOException("unexpected end of file at offset " + at);
      }
      at += read;
    }
  }

  private SalvoException cannotRead(Exception e) {
    return new SalvoException(ErrorCode.INTERNAL_ERROR, "Cannot read data file "
        + split.file().fileName() + " of table " + tableName + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      if (loaded != null) {
        loaded.close();
      }
      if (mapped != null) {
        mapped.release();
      }
      if (footer != null) {
        footer.close();
      } else if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Cannot close data file "
          + split.file().fileName() + " of table " + tableName + ": " + e.getMessage(), e);
    } finally {
      loaded = null;
      mapped = null;
      footer = null;
      channel = null;
    }
  }

  /**
   * Where one top-level column's field nodes and buffers lie in a record batch's flattened
   * lists: a column takes one node and its type's buffers, then those of its children.
   */
  private record ColumnLayout(int firstNode, int nodeCount, int firstBuffer, int bufferCount) {
    static ColumnLayout[] of(Schema schema) {
      List<Field> fields = schema.getFields();
      ColumnLayout[] layouts = new ColumnLayout[fields.size()];
      int node = 0;
      int buffer = 0;
      for (int i = 0; i < fields.size(); i++) {
        int nodes = countNodes(fields.get(i));
        int buffers = countBuffers(fields.get(i));
        layouts[i] = new ColumnLayout(node, nodes, buffer, buffers);
        node += nodes;
        buffer += buffers;
      }
      return layouts;
    }

    private static int countNodes(Field field) {
      int count = 1;
      for (Field child : field.getChildren()) {
        count += countNodes(child);
      }
      return count;
    }

    private static int countBuffers(Field field) {
      int count = TypeLayout.getTypeBufferCount(field.getType());
      for (Field child : field.getChildren()) {
        count += countBuffers(child);
      }
      return count;
    }
  }
}
