package dev.salvo.exec.connector.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapped data files: read like copies, kept while buffers use them, never written through. */
class MappedDataFilesTest {
  private static final RowType ROW_TYPE = RowType.of(
      new Column("id", DataType.BIGINT),
      new Column("name", DataType.VARCHAR),
      new Column("price", DataType.decimal(15, 2)));

  @TempDir
  Path directory;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void rangesAcrossMappingsAreCopiedAndTheRestReadInPlace() {
    DataFile file = write(40, 100);
    // Mappings of 4 KiB overlapping by 1 KiB: most columns of a record batch lie within one,
    // prices (1.6 KiB a batch) near a mapping's end straddle two and are copied.
    MappedDataFiles mappings = new MappedDataFiles(8, 4096, 1024);
    assertEquals(rows(file, null), rows(file, mappings));
    assertEquals(1, mappings.size());
    assertEquals(expectedRows(40, 100), rows(file, mappings));
  }

  @Test
  void batchesOutliveTheirReaderAndTheDeletedFile() throws IOException {
    DataFile file = write(1, 10);
    Path path = directory.resolve(file.fileName());
    MappedDataFiles mappings = new MappedDataFiles(8, 1 << 20, 1 << 16);
    MappedDataFiles.MappedFile mapped = mappings.acquire(path);
    mapped.release();
    Batch batch;
    StoredTableSource source = source(file, mappings);
    try (BatchReader reader = source.open(source.splits(1).get(0), List.of(2, 1), allocator,
        100)) {
      batch = reader.next();
    }
    mappings.forget(directory);
    Files.delete(path);
    assertEquals(0, mappings.size());
    try (batch) {
      assertEquals(new BigDecimal("7.50"), VectorValues.get(batch.column(0), 3));
      assertEquals("name-3", VectorValues.get(batch.column(1), 3));
      assertTrue(mapped.references() > 0, "the batch still holds the mapping");
    }
    assertEquals(0, mapped.references(), "unmapped once the last buffer is gone");
  }

  @Test
  void theLeastRecentlyReadFileIsUnmappedBeyondTheCapacity() {
    MappedDataFiles mappings = new MappedDataFiles(2, 1 << 20, 1 << 16);
    List<MappedDataFiles.MappedFile> mapped = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      MappedDataFiles.MappedFile file =
          mappings.acquire(directory.resolve(write(1, 5).fileName()));
      file.release();
      mapped.add(file);
    }
    assertEquals(2, mappings.size());
    assertEquals(0, mapped.get(0).references());
    assertEquals(1, mapped.get(2).references());
  }

  @Test
  void writesThroughAMappedBufferNeverReachTheFile() throws IOException {
    Path path = directory.resolve(write(1, 10).fileName());
    byte[] before = Files.readAllBytes(path);
    MappedDataFiles mappings = new MappedDataFiles(8, 1 << 20, 1 << 16);
    MappedDataFiles.MappedFile mapped = mappings.acquire(path);
    try (ArrowBuf bytes = mapped.wrap(allocator, 0, 64)) {
      assertNotNull(bytes);
      bytes.setLong(0, 0x0123456789ABCDEFL);
      assertEquals(0x0123456789ABCDEFL, bytes.getLong(0));
    }
    mapped.release();
    assertArrayEquals(before, Files.readAllBytes(path));
    assertNull(mapped.wrap(allocator, before.length - 8, 16), "past the end of the file");
  }

  @Test
  void whatCannotBeMappedIsLeftToCopies() {
    MappedDataFiles mappings = new MappedDataFiles(8, 1 << 20, 1 << 16);
    assertNull(mappings.acquire(directory));
    assertNull(mappings.acquire(directory.resolve("missing.arrow")));
    assertEquals(0, mappings.size());
  }

  private StoredTableSource source(DataFile file, MappedDataFiles mappings) {
    return new StoredTableSource("t", ROW_TYPE, directory, List.of(file),
        DistinctValueSketches.none(), mappings);
  }

  /** Every row of the file, in order, read through {@code mappings} (copied when null). */
  private List<List<Object>> rows(DataFile file, MappedDataFiles mappings) {
    StoredTableSource source = source(file, mappings);
    List<List<Object>> rows = new ArrayList<>();
    for (TableSplit split : source.splits(3)) {
      try (BatchReader reader = source.open(split, List.of(0, 1, 2), allocator, 64)) {
        for (Batch next = reader.next(); next != null; next = reader.next()) {
          try (Batch batch = next) {
            for (int row = 0; row < batch.rowCount(); row++) {
              rows.add(Arrays.asList(VectorValues.get(batch.column(0), row),
                  VectorValues.get(batch.column(1), row), VectorValues.get(batch.column(2), row)));
            }
          }
        }
      }
    }
    return rows;
  }

  private static List<List<Object>> expectedRows(int batches, int rowsPerBatch) {
    List<List<Object>> rows = new ArrayList<>();
    for (long id = 0; id < (long) batches * rowsPerBatch; id++) {
      rows.add(row(id));
    }
    return rows;
  }

  /** Row {@code id}: its id, a name (null every seventh), a price of id times 2.50. */
  private static List<Object> row(long id) {
    return Arrays.asList(id, id % 7 == 6 ? null : "name-" + id,
        BigDecimal.valueOf(id * 250, 2));
  }

  private DataFile write(int batches, int rowsPerBatch) {
    try (TableFileWriter writer = new TableFileWriter("t", ROW_TYPE, directory, allocator)) {
      for (int b = 0; b < batches; b++) {
        List<List<Object>> columns = List.of(new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
        for (int i = 0; i < rowsPerBatch; i++) {
          List<Object> row = row((long) b * rowsPerBatch + i);
          for (int c = 0; c < 3; c++) {
            columns.get(c).add(row.get(c));
          }
        }
        List<org.apache.arrow.vector.FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
          vectors.add(VectorValues.vectorOf(ROW_TYPE.column(c).name(), ROW_TYPE.type(c),
              columns.get(c), allocator));
        }
        try (Batch rows = Batch.of(vectors, rowsPerBatch)) {
          writer.write(rows);
        }
      }
      return writer.finish();
    }
  }
}
