package dev.salvo.exec.connector.storage;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Reads a range of record batches of one data file, handing out the requested columns in
 * batches of at most the requested size.
 */
final class StoredBatchReader implements BatchReader {
  private final String tableName;
  private final StoredTableSplit split;
  private final List<Integer> columns;
  private final BufferAllocator allocator;
  private final int batchSize;
  private FileChannel channel;
  private ArrowFileReader reader;
  private List<ArrowBlock> blocks;
  private int nextBlock;
  private int rowInLoadedBatch;

  StoredBatchReader(String tableName, Path directory, StoredTableSplit split,
      List<Integer> columns, BufferAllocator allocator, int batchSize) {
    this.tableName = tableName;
    this.split = split;
    this.columns = List.copyOf(columns);
    this.allocator = allocator;
    this.batchSize = batchSize;
    if (split.batchCount() == 0) {
      return;
    }
    Path file = directory.resolve(split.file().fileName());
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      reader = new ArrowFileReader(channel, allocator);
      blocks = reader.getRecordBlocks();
    } catch (IOException | RuntimeException e) {
      close();
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Cannot read data file " + file + " of table " + tableName + ": " + e.getMessage(), e);
    }
    if (blocks.size() < split.firstBatch() + split.batchCount()) {
      int found = blocks.size();
      close();
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Data file " + file + " of table "
          + tableName + " holds " + found + " record batches, the catalog expects at least "
          + (split.firstBatch() + split.batchCount()));
    }
    nextBlock = split.firstBatch();
    rowInLoadedBatch = -1;
  }

  @Override
  public Batch next() {
    if (reader == null) {
      return null;
    }
    try {
      VectorSchemaRoot loaded = reader.getVectorSchemaRoot();
      while (rowInLoadedBatch < 0 || rowInLoadedBatch >= loaded.getRowCount()) {
        if (nextBlock >= split.firstBatch() + split.batchCount()) {
          return null;
        }
        reader.loadRecordBatch(blocks.get(nextBlock++));
        rowInLoadedBatch = 0;
      }
      int rowCount = Math.min(batchSize, loaded.getRowCount() - rowInLoadedBatch);
      List<FieldVector> vectors = new ArrayList<>(columns.size());
      try {
        for (int column : columns) {
          TransferPair transfer = loaded.getVector(column).getTransferPair(allocator);
          transfer.splitAndTransfer(rowInLoadedBatch, rowCount);
          vectors.add((FieldVector) transfer.getTo());
        }
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
      rowInLoadedBatch += rowCount;
      return Batch.of(vectors, rowCount);
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Cannot read data file "
          + split.file().fileName() + " of table " + tableName + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
      } else if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Cannot close data file "
          + split.file().fileName() + " of table " + tableName + ": " + e.getMessage(), e);
    } finally {
      reader = null;
      channel = null;
    }
  }
}
