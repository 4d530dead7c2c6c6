package dev.salvo.exec.connector.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data files: written, renamed only when complete, read back exactly, split by batches. */
class TableFileWriterTest {
  private static final RowType ROW_TYPE = RowType.of(
      new Column("id", DataType.BIGINT.withNullable(false)),
      new Column("price", DataType.decimal(10, 2)),
      new Column("day", DataType.DATE));

  @TempDir
  Path directory;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  /** Salvo's own files are mapped, a user's files copied: both read back the same rows. */
  @ParameterizedTest(name = "mapped={0}")
  @ValueSource(booleans = {true, false})
  void writtenFileReadsBackWithExactTypesInSplits(boolean mapped) {
    DataFile file;
    try (TableFileWriter writer = new TableFileWriter("t", ROW_TYPE, directory, allocator)) {
      for (int batch = 0; batch < 3; batch++) {
        try (Batch rows = batch(batch * 10L, 10)) {
          writer.write(rows);
        }
      }
      file = writer.finish();
    }
    assertEquals(30, file.rowCount());
    assertEquals(3, file.batchCount());
    StoredTableSource source = source(ROW_TYPE, mapped, file);
    List<TableSplit> splits = source.splits(3);
    assertEquals(3, splits.size());
    List<List<Object>> rows = new ArrayList<>();
    for (TableSplit split : splits) {
      try (BatchReader reader = source.open(split, List.of(0, 1, 2), allocator, 4)) {
        Batch batch;
        while ((batch = reader.next()) != null) {
          try (Batch closing = batch) {
            for (int row = 0; row < closing.rowCount(); row++) {
              rows.add(Arrays.asList(VectorValues.get(closing.column(0), row),
                  VectorValues.get(closing.column(1), row),
                  VectorValues.get(closing.column(2), row)));
            }
          }
        }
      }
    }
    assertEquals(30, rows.size());
    assertEquals(Arrays.asList(7L, new BigDecimal("3.50"), LocalDate.of(2024, 1, 8)),
        rows.get(7));
    assertEquals(Arrays.asList(9L, null, null), rows.get(9));
  }

  @ParameterizedTest(name = "mapped={0}")
  @ValueSource(booleans = {true, false})
  void projectedColumnsOfEveryLayoutReadBackInTheRequestedOrder(boolean mapped) {
    RowType rowType = RowType.of(
        new Column("id", DataType.BIGINT),
        new Column("name", DataType.VARCHAR),
        new Column("tags", DataType.array(DataType.VARCHAR)),
        new Column("point", DataType.row(List.of(new Column("x", DataType.INTEGER),
            new Column("label", DataType.VARCHAR)))),
        new Column("price", DataType.decimal(15, 2)));
    List<List<Object>> written = new ArrayList<>();
    DataFile file;
    try (TableFileWriter writer = new TableFileWriter("t", rowType, directory, allocator)) {
      for (int batch = 0; batch < 3; batch++) {
        List<List<Object>> columns = List.of(new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 7; i++) {
          long id = batch * 7L + i;
          List<Object> row = Arrays.asList(id, id % 3 == 0 ? null : "name-" + id,
              id % 4 == 0 ? null : List.of("t" + id, "u"),
              id % 5 == 0 ? null : Arrays.asList((long) id * 2, id % 2 == 0 ? null : "p" + id),
              BigDecimal.valueOf(id * 125, 2));
          written.add(row);
          for (int c = 0; c < 5; c++) {
            columns.get(c).add(row.get(c));
          }
        }
        List<org.apache.arrow.vector.FieldVector> vectors = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
          vectors.add(VectorValues.vectorOf(rowType.column(c).name(), rowType.type(c),
              columns.get(c), allocator));
        }
        try (Batch rows = Batch.of(vectors, 7)) {
          writer.write(rows);
        }
      }
      file = writer.finish();
    }
    StoredTableSource source = source(rowType, mapped, file);
    List<Integer> projection = List.of(4, 1, 3, 2);
    List<List<Object>> read = new ArrayList<>();
    for (TableSplit split : source.splits(2)) {
      try (BatchReader reader = source.open(split, projection, allocator, 3)) {
        Batch batch;
        while ((batch = reader.next()) != null) {
          try (Batch closing = batch) {
            assertEquals(projection.size(), closing.columnCount());
            for (int row = 0; row < closing.rowCount(); row++) {
              List<Object> values = new ArrayList<>();
              for (int c = 0; c < projection.size(); c++) {
                values.add(VectorValues.get(closing.column(c), row));
              }
              read.add(values);
            }
          }
        }
      }
    }
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : written) {
      expected.add(Arrays.asList(row.get(4), row.get(1), row.get(3), row.get(2)));
    }
    assertEquals(expected, read);
  }

  @Test
  void distinctIntegerColumnsBecomeKeysOnlyWhileFilesCannotShareAValue() {
    RowType rowType = RowType.of(new Column("id", DataType.BIGINT),
        new Column("group", DataType.INTEGER), new Column("label", DataType.varchar(5)));
    // Ids descend then jump far below, so the bitmap's origin moves; groups repeat.
    DataFile first = write(rowType, List.of(500L, 400L, 7L, 9L), List.of(1, 2, 1, 3));
    assertEquals(List.of(new UniqueColumn(0, 7, 500)), first.uniqueColumns());
    DataFile disjoint = write(rowType, List.of(501L, 600L), List.of(1, 2));
    DataFile overlapping = write(rowType, List.of(8L, 1000L), List.of(5, 6));
    DataFile withNull = write(rowType, Arrays.asList(2000L, null), List.of(7, 8));
    assertEquals(List.of(new UniqueColumn(0, 8, 1000), new UniqueColumn(1, 5, 6)),
        overlapping.uniqueColumns());
    assertEquals(List.of(new UniqueColumn(1, 7, 8)), withNull.uniqueColumns());

    assertEquals(List.of(List.of(0)), source(rowType, first, disjoint).uniqueKeys());
    assertEquals(List.of(), source(rowType, first, overlapping).uniqueKeys());
    assertEquals(List.of(List.of(1)), source(rowType, withNull).uniqueKeys());
    assertEquals(List.of(), source(rowType, first, withNull).uniqueKeys());
  }

  @Test
  void valuesSpreadWiderThanTheBitmapAreNotWatched() {
    RowType rowType = RowType.of(new Column("id", DataType.BIGINT));
    long far = DistinctIntegers.MOST_BITS + 1;
    DataFile file = write(rowType, List.of(1L, far), null);
    assertEquals(List.of(), file.uniqueColumns());
  }

  private DataFile write(RowType rowType, List<Long> ids, List<Integer> groups) {
    List<org.apache.arrow.vector.FieldVector> columns = new ArrayList<>();
    columns.add(VectorValues.vectorOf("id", DataType.BIGINT, new ArrayList<>(ids), allocator));
    if (groups != null) {
      columns.add(VectorValues.vectorOf("group", DataType.INTEGER, new ArrayList<>(groups),
          allocator));
      List<Object> labels = new ArrayList<>();
      ids.forEach(id -> labels.add("x"));
      columns.add(VectorValues.vectorOf("label", DataType.varchar(5), labels, allocator));
    }
    try (TableFileWriter writer = new TableFileWriter("t", rowType, directory, allocator);
        Batch rows = Batch.of(columns, ids.size())) {
      writer.write(rows);
      return writer.finish();
    }
  }

  private StoredTableSource source(RowType rowType, DataFile... files) {
    return source(rowType, false, files);
  }

  private StoredTableSource source(RowType rowType, boolean mapped, DataFile... files) {
    return new StoredTableSource("t", rowType, directory, List.of(files),
        DistinctValueSketches.none(), mapped);
  }

  @Test
  void failureMidwayLeavesNoFile() throws IOException {
    try (TableFileWriter writer = new TableFileWriter("t", ROW_TYPE, directory, allocator)) {
      try (Batch rows = batch(0, 10)) {
        writer.write(rows);
      }
      try (Batch nullIds = batch(10, 10)) {
        nullIds.column(0).setNull(3);
        SalvoException error = assertThrows(SalvoException.class, () -> writer.write(nullIds));
        assertEquals(ErrorCode.NOT_NULL_VIOLATION, error.code());
      }
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void unlistedFilesAreDeleted() throws IOException {
    DataFile kept;
    try (TableFileWriter writer = new TableFileWriter("t", ROW_TYPE, directory, allocator)) {
      try (Batch rows = batch(0, 5)) {
        writer.write(rows);
      }
      kept = writer.finish();
    }
    Files.writeString(directory.resolve("orphan" + TableFileWriter.DATA_FILE_SUFFIX), "x");
    Files.writeString(directory.resolve("crashed" + TableFileWriter.TEMPORARY_SUFFIX), "x");
    Files.writeString(directory.resolve("notes.txt"), "not ours");
    assertEquals(2, TableDirectories.deleteUnlisted(directory, Set.of(kept.fileName())));
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(Set.of(kept.fileName(), "notes.txt"),
          Set.copyOf(files.map(path -> path.getFileName().toString()).toList()));
    }
  }

  /** Rows first..first+count-1: id, id/2 as money (null every tenth), a day in 2024. */
  private Batch batch(long first, int count) {
    List<Object> ids = new ArrayList<>();
    List<Object> prices = new ArrayList<>();
    List<Object> days = new ArrayList<>();
    for (long id = first; id < first + count; id++) {
      ids.add(id);
      prices.add(id % 10 == 9 ? null : BigDecimal.valueOf(id * 50, 2));
      days.add(id % 10 == 9 ? null : LocalDate.of(2024, 1, 1).plusDays(id));
    }
    return Batch.of(List.of(
        VectorValues.vectorOf("id", ROW_TYPE.type(0), ids, allocator),
        VectorValues.vectorOf("price", ROW_TYPE.type(1), prices, allocator),
        VectorValues.vectorOf("day", ROW_TYPE.type(2), days, allocator)), count);
  }
}
