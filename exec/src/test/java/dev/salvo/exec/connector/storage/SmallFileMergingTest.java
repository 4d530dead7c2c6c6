package dev.salvo.exec.connector.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which trailing files are merged, and that a merged file holds their rows in order. */
class SmallFileMergingTest {
  private static final RowType ROW_TYPE = RowType.of(
      new Column("id", DataType.BIGINT.withNullable(false)),
      new Column("name", DataType.VARCHAR));

  @TempDir
  Path directory;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void fewerThanFanoutSmallFilesStayAsTheyAre() {
    assertEquals(List.of(), SmallFileMerging.filesToMerge(files(1, 1, 1, 1, 1, 1, 1)));
    assertEquals(List.of(), SmallFileMerging.filesToMerge(List.of()));
  }

  @Test
  void fanoutFilesOfOneTierAtTheEndMerge() {
    List<DataFile> files = files(500, 1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(files.subList(1, 9), SmallFileMerging.filesToMerge(files));
  }

  @Test
  void aMergeThatCompletesAHigherTierCascades() {
    // Seven files of 8 rows (tier 1), then eight single rows that merge into a tier-1 file of
    // 8 rows: with it, eight tier-1 files end the table, and all fifteen become one.
    List<DataFile> files = files(8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(files, SmallFileMerging.filesToMerge(files));
  }

  @Test
  void onlyTheTrailingRunOfTheLastFilesTierCounts() {
    // Eight single-row files, but a bigger file sits between them: order forbids merging
    // across it, and only four trail.
    assertEquals(List.of(), SmallFileMerging.filesToMerge(files(1, 1, 1, 1, 9, 1, 1, 1, 1)));
  }

  @Test
  void largeFilesAreNeverMerged() {
    long large = SmallFileMerging.LARGEST_MERGED_ROWS;
    assertEquals(List.of(), SmallFileMerging.filesToMerge(
        files(large, large, large, large, large, large, large, large)));
  }

  @Test
  void tiersArePowersOfTheFanout() {
    assertEquals(0, SmallFileMerging.tier(0));
    assertEquals(0, SmallFileMerging.tier(7));
    assertEquals(1, SmallFileMerging.tier(8));
    assertEquals(1, SmallFileMerging.tier(63));
    assertEquals(2, SmallFileMerging.tier(64));
  }

  @Test
  void mergedFileHoldsEveryRowInOrderInFewBatches() {
    List<DataFile> written = new ArrayList<>();
    long next = 0;
    for (int rows : new int[] {1, 3, 5000, 2}) {
      written.add(write(next, rows));
      next += rows;
    }
    DataFile merged = SmallFileMerging.merge("t", ROW_TYPE, directory, written, allocator);

    assertEquals(next, merged.rowCount());
    assertEquals(2, merged.batchCount());
    List<List<Object>> rows = read(merged);
    assertEquals(next, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(Arrays.asList((long) i, i % 7 == 0 ? null : "row " + i), rows.get(i));
    }
  }

  @Test
  void aMissingFileFailsTheMergeAndLeavesNoFileBehind() throws IOException {
    DataFile kept = write(0, 2);
    DataFile missing = new DataFile("gone" + TableFileWriter.DATA_FILE_SUFFIX, 1, 1, 10);
    assertThrows(SalvoException.class, () -> SmallFileMerging.merge("t", ROW_TYPE, directory,
        List.of(kept, missing), allocator));
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(kept.fileName()),
          files.map(path -> path.getFileName().toString()).toList());
    }
  }

  private static List<DataFile> files(long... rowCounts) {
    List<DataFile> files = new ArrayList<>();
    for (int i = 0; i < rowCounts.length; i++) {
      files.add(new DataFile("f" + i + TableFileWriter.DATA_FILE_SUFFIX, rowCounts[i], 1, 100));
    }
    return files;
  }

  /** A file of rows first..first+count-1 in one batch, with a NULL name every seventh. */
  private DataFile write(long first, int count) {
    List<Object> ids = new ArrayList<>();
    List<Object> names = new ArrayList<>();
    for (long id = first; id < first + count; id++) {
      ids.add(id);
      names.add(id % 7 == 0 ? null : "row " + id);
    }
    try (TableFileWriter writer = new TableFileWriter("t", ROW_TYPE, directory, allocator);
        Batch batch = Batch.of(List.of(
            VectorValues.vectorOf("id", ROW_TYPE.type(0), ids, allocator),
            VectorValues.vectorOf("name", ROW_TYPE.type(1), names, allocator)), count)) {
      writer.write(batch);
      return writer.finish();
    }
  }

  private List<List<Object>> read(DataFile file) {
    StoredTableSource source = new StoredTableSource("t", ROW_TYPE, directory, List.of(file));
    List<List<Object>> rows = new ArrayList<>();
    for (TableSplit split : source.splits(1)) {
      try (BatchReader reader = source.open(split, List.of(0, 1), allocator, 10_000)) {
        for (Batch next = reader.next(); next != null; next = reader.next()) {
          try (Batch batch = next) {
            for (int row = 0; row < batch.rowCount(); row++) {
              rows.add(Arrays.asList(VectorValues.get(batch.column(0), row),
                  VectorValues.get(batch.column(1), row)));
            }
          }
        }
      }
    }
    return rows;
  }
}
