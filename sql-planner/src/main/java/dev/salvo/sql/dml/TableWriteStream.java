package dev.salvo.sql.dml;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.TableFileWriter;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of a data-changing statement: on the first {@link #next()} it streams the source
 * query's batches into a new data file, commits it, and answers one row, {@code rows BIGINT},
 * the update count. Nothing is visible to other queries until the commit; a failure or cancel
 * before it deletes the file.
 */
public final class TableWriteStream implements ResultStream {
  /** What every DDL and DML statement answers: one row with the number of rows changed. */
  public static final RowType UPDATE_COUNT =
      RowType.of(new Column("rows", DataType.BIGINT.withNullable(false)));

  private static final Logger LOG = LoggerFactory.getLogger(TableWriteStream.class);

  private final TableWrite write;
  private final ResultStream source;
  private final BufferAllocator allocator;
  private boolean done;

  /**
   * @param source the running source query, or null when {@code write} reads nothing
   */
  public TableWriteStream(TableWrite write, ResultStream source, BufferAllocator allocator) {
    this.write = write;
    this.source = source;
    this.allocator = allocator;
  }

  @Override
  public RowType rowType() {
    return UPDATE_COUNT;
  }

  @Override
  public Batch next() {
    if (done) {
      return null;
    }
    done = true;
    long count;
    if (source == null) {
      count = write.commit().commit(List.of(), 0);
    } else {
      DataFile file;
      try (TableFileWriter writer = new TableFileWriter(write.tableName(), write.rowType(),
          write.directory(), allocator)) {
        Batch batch;
        while ((batch = source.next()) != null) {
          try (Batch closing = batch) {
            writer.write(closing);
          }
        }
        file = writer.finish();
      }
      List<DataFile> files = file.rowCount() == 0 ? List.of() : List.of(file);
      try {
        if (files.isEmpty()) {
          delete(file);
        }
        count = write.commit().commit(files, file.rowCount());
      } catch (RuntimeException e) {
        delete(file);
        throw e;
      }
      if (!files.isEmpty() && write.upkeep() != null) {
        runUpkeep();
      }
    }
    return countBatch(count, allocator);
  }

  private void runUpkeep() {
    try {
      write.upkeep().run(allocator);
    } catch (RuntimeException e) {
      // The statement's rows are committed; upkeep only makes reading cheaper and can wait.
      LOG.warn("Upkeep of table {} after a write failed: {}", write.tableName(), e.toString());
    }
  }

  /** The one-row result of a statement that changed {@code count} rows. */
  public static Batch countBatch(long count, BufferAllocator allocator) {
    FieldVector vector = VectorValues.vectorOf("rows", UPDATE_COUNT.type(0), List.of(count),
        allocator);
    return Batch.of(List.of(vector), 1);
  }

  private void delete(DataFile file) {
    try {
      Files.deleteIfExists(write.directory().resolve(file.fileName()));
    } catch (IOException e) {
      // An unlisted file; the next start deletes it.
    }
  }

  @Override
  public void cancel() {
    if (source != null) {
      source.cancel();
    }
  }

  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
  }
}
