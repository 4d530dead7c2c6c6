package dev.salvo.exec.connector.storage;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Writes batches into one new data file of a table, invisible to readers until the catalog
 * store commits a table version listing it.
 *
 * <p>The file is written under a temporary name and only renamed to its final name by
 * {@link #finish()}, after its bytes are forced to disk: a file with a final name is complete,
 * and a crash leaves at worst files no committed version lists, which
 * {@link TableDirectories#deleteUnlisted} removes at the next start. While writing it sketches
 * the distinct values of every scalar column, for the planner's join size estimates. Not
 * thread-safe.
 */
public final class TableFileWriter implements AutoCloseable {
  /** Suffix of a committed-or-committable data file. */
  public static final String DATA_FILE_SUFFIX = ".arrow";
  /** Suffix of a file still being written. */
  public static final String TEMPORARY_SUFFIX = ".arrow.tmp";

  private final String tableName;
  private final RowType rowType;
  private final Path directory;
  private final String fileName;
  private final Path temporaryFile;
  private final VectorSchemaRoot root;
  private FileChannel channel;
  private ArrowFileWriter writer;
  private final List<DistinctIntegers> keyCandidates = new ArrayList<>();
  private final DistinctValueCounter distinctValues;
  private long rowCount;
  private int batchCount;
  private boolean finished;

  /**
   * Opens a new file in {@code directory} (created when missing) for rows of {@code rowType}.
   *
   * @throws SalvoException INTERNAL_ERROR when the file cannot be created
   */
  public TableFileWriter(String tableName, RowType rowType, Path directory,
      BufferAllocator allocator) {
    this.tableName = tableName;
    this.rowType = rowType;
    this.directory = directory;
    this.fileName = UUID.randomUUID() + DATA_FILE_SUFFIX;
    this.temporaryFile = directory.resolve(fileName + ".tmp");
    this.root = VectorSchemaRoot.create(rowType.toArrowSchema(), allocator);
    this.distinctValues = new DistinctValueCounter(rowType);
    for (int i = 0; i < rowType.size(); i++) {
      if (root.getVector(i) instanceof BaseIntVector) {
        keyCandidates.add(new DistinctIntegers(i));
      }
    }
    try {
      Files.createDirectories(directory);
      channel = FileChannel.open(temporaryFile, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      writer = new ArrowFileWriter(root, null, channel);
      writer.start();
    } catch (IOException | RuntimeException e) {
      abort();
      throw ioFailure("create", e);
    }
  }

  /**
   * Appends a batch whose columns match the table's row type in number and Arrow layout; the
   * writer does not take the batch over, the caller still closes it.
   *
   * @throws SalvoException TYPE_MISMATCH naming the column when a NOT NULL column gets a null,
   *     INTERNAL_ERROR when the file cannot be written
   */
  public void write(Batch batch) {
    if (finished) {
      throw new IllegalStateException("Writer of " + tableName + " already finished");
    }
    if (batch.columnCount() != rowType.size()) {
      throw new IllegalArgumentException("Batch of " + batch.columnCount()
          + " columns for table " + tableName + " of " + rowType.size());
    }
    if (batch.rowCount() == 0) {
      return;
    }
    for (int i = 0; i < rowType.size(); i++) {
      Column column = rowType.column(i);
      FieldVector vector = batch.column(i);
      if (!column.type().nullable() && vector.getNullCount() > 0) {
        throw new SalvoException(ErrorCode.NOT_NULL_VIOLATION, "Column " + column.name()
            + " of table " + tableName + " is NOT NULL, but a row sets it to NULL");
      }
    }
    watchKeyCandidates(batch);
    for (int i = 0; i < rowType.size(); i++) {
      distinctValues.add(i, batch.column(i), batch.rowCount());
    }
    try (ArrowRecordBatch records = new VectorUnloader(batch.root()).getRecordBatch()) {
      new VectorLoader(root).load(records);
      writer.writeBatch();
    } catch (IOException e) {
      throw ioFailure("write", e);
    } finally {
      root.clear();
    }
    rowCount += batch.rowCount();
    batchCount++;
  }

  private void watchKeyCandidates(Batch batch) {
    for (DistinctIntegers candidate : keyCandidates) {
      if (!candidate.stillDistinct()) {
        continue;
      }
      BaseIntVector vector = (BaseIntVector) batch.column(candidate.column());
      for (int row = 0; row < batch.rowCount() && candidate.stillDistinct(); row++) {
        if (vector.isNull(row)) {
          candidate.addNull();
        } else {
          candidate.add(vector.getValueAsLong(row));
        }
      }
    }
  }

  /**
   * Completes the file, forces it to disk and gives it its final name; the returned file is what
   * the caller then commits in a new table version.
   */
  public DataFile finish() {
    if (finished) {
      throw new IllegalStateException("Writer of " + tableName + " already finished");
    }
    try {
      writer.end();
      channel.force(true);
      long size = channel.size();
      writer.close();
      writer = null;
      channel = null;
      Files.move(temporaryFile, directory.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
      TableDirectories.forceDirectory(directory);
      finished = true;
      root.close();
      List<UniqueColumn> unique = keyCandidates.stream().map(DistinctIntegers::result)
          .filter(Objects::nonNull).toList();
      return new DataFile(fileName, rowCount, batchCount, size, unique,
          distinctValues.result());
    } catch (IOException | RuntimeException e) {
      abort();
      throw ioFailure("finish", e);
    }
  }

  /** Gives up the file: closes it and deletes whatever was written. Safe to call twice. */
  public void abort() {
    try {
      if (writer != null) {
        writer.close();
      } else if (channel != null) {
        channel.close();
      }
    } catch (IOException | RuntimeException e) {
      // The file is deleted below either way; a close failure changes nothing for the table.
    } finally {
      writer = null;
      channel = null;
      root.close();
    }
    try {
      Files.deleteIfExists(temporaryFile);
      if (!finished) {
        Files.deleteIfExists(directory.resolve(fileName));
      }
    } catch (IOException e) {
      // Left behind, it is an unlisted file the next start deletes.
    }
  }

  /** Aborts unless {@link #finish()} succeeded. */
  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }

  private SalvoException ioFailure(String action, Exception e) {
    if (e instanceof SalvoException salvo) {
      return salvo;
    }
    return new SalvoException(ErrorCode.INTERNAL_ERROR, "Cannot " + action + " data file "
        + temporaryFile + " of table " + tableName + ": " + e.getMessage(), e);
  }
}
