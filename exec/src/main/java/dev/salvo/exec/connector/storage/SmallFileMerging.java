package dev.salvo.exec.connector.storage;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RowCopier;
import dev.salvo.exec.type.RowType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Merges the small data files at the end of a table into one, so that a table filled by many
 * small INSERTs is read from a few files instead of one per statement: every file a scan reads
 * costs an open, a footer and a batch, however few rows it holds.
 *
 * <p>The policy is size-tiered, as in log-structured stores: a file's tier is the power of
 * {@link #FANOUT} its row count reaches. When the last {@link #FANOUT} or more files share the
 * last file's tier, they become one file of a higher tier, and so on while that makes another
 * such run. So each row is rewritten about once per tier, and a table holds at most
 * {@code FANOUT - 1} small files per tier. Only trailing files are merged, which keeps rows in
 * the order they were inserted; files of {@link #LARGEST_MERGED_ROWS} rows or more are left
 * alone, since they are read efficiently already.
 */
public final class SmallFileMerging {
  /** How many files of one tier are merged into one. */
  public static final int FANOUT = 8;
  /** Files with at least this many rows are never merged. */
  public static final long LARGEST_MERGED_ROWS = 32_768;
  /** Rows per record batch of a merged file: the executor's default batch size. */
  static final int MERGED_BATCH_ROWS = 4096;

  private SmallFileMerging() {}

  /**
   * The trailing files of {@code files} (a table's files in the order they were added) that
   * the policy merges into one, or an empty list when none need merging.
   */
  public static List<DataFile> filesToMerge(List<DataFile> files) {
    // Each run is {rows, number of trailing files it covers}; only the last run ever grows.
    List<long[]> runs = new ArrayList<>();
    for (DataFile file : files) {
      runs.add(new long[] {file.rowCount(), 1});
    }
    while (!runs.isEmpty()) {
      long[] last = runs.get(runs.size() - 1);
      if (last[0] >= LARGEST_MERGED_ROWS) {
        break;
      }
      int tier = tier(last[0]);
      int sameTier = 0;
      for (int i = runs.size() - 1; i >= 0 && runs.get(i)[0] < LARGEST_MERGED_ROWS
          && tier(runs.get(i)[0]) == tier; i--) {
        sameTier++;
      }
      if (sameTier < FANOUT) {
        break;
      }
      long[] merged = {0, 0};
      for (int i = 0; i < sameTier; i++) {
        long[] run = runs.remove(runs.size() - 1);
        merged[0] += run[0];
        merged[1] += run[1];
      }
      runs.add(merged);
    }
    int covered = runs.isEmpty() ? 0 : (int) runs.get(runs.size() - 1)[1];
    return covered > 1 ? List.copyOf(files.subList(files.size() - covered, files.size()))
        : List.of();
  }

  /** The tier of a file of {@code rows} rows: 0 below FANOUT rows, 1 below FANOUT², ... */
  static int tier(long rows) {
    int tier = 0;
    for (long bound = FANOUT; rows >= bound && tier < 20; bound *= FANOUT) {
      tier++;
    }
    return tier;
  }

  /**
   * Writes the rows of {@code files}, in order, into one new file of {@code directory} (forced
   * to disk and given its final name, like any written file), which the caller then commits in
   * their place, or deletes.
   *
   * @throws dev.salvo.exec.error.SalvoException INTERNAL_ERROR when a file cannot be read or
   *     written; nothing is left behind then
   */
  public static DataFile merge(String tableName, RowType rowType, Path directory,
      List<DataFile> files, BufferAllocator allocator) {
    List<Integer> allColumns = IntStream.range(0, rowType.size()).boxed().toList();
    try (TableFileWriter writer = new TableFileWriter(tableName, rowType, directory,
        allocator)) {
      RowCopier gathered = null;
      try {
        for (DataFile file : files) {
          try (StoredBatchReader reader = new StoredBatchReader(tableName, directory,
              new StoredTableSplit(file, 0, file.batchCount()), allColumns, allocator,
              MERGED_BATCH_ROWS, null)) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
              try (Batch batch = next) {
                if (gathered == null) {
                  gathered = new RowCopier(batch, MERGED_BATCH_ROWS, allocator);
                }
                for (int row = 0; row < batch.rowCount(); row++) {
                  gathered.append(batch, row);
                  if (gathered.rowCount() == MERGED_BATCH_ROWS) {
                    writeAll(writer, gathered);
                  }
                }
              }
            }
          }
        }
        if (gathered != null && gathered.rowCount() > 0) {
          writeAll(writer, gathered);
        }
      } finally {
        if (gathered != null) {
          gathered.close();
        }
      }
      return writer.finish();
    }
  }

  private static void writeAll(TableFileWriter writer, RowCopier gathered) {
    try (Batch batch = gathered.build()) {
      writer.write(batch);
    }
  }
}
