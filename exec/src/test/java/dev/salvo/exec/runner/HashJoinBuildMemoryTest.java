package dev.salvo.exec.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.StoredTableSource;
import dev.salvo.exec.connector.storage.TableFileWriter;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.testing.Results;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory a hash join's build side holds: its own columns' rows, not the stored record
 * batches they were read from.
 */
class HashJoinBuildMemoryTest {
  private static final int RECORD_BATCHES = 20;
  private static final int ROWS_PER_RECORD_BATCH = 500;
  private static final RowType TABLE = RowType.of(new Column("k", DataType.BIGINT),
      new Column("comment", DataType.VARCHAR));

  @TempDir
  Path directory;

  private final BufferAllocator root = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    root.close();
  }

  /** A stored table whose wide comment column dwarfs its key column. */
  private StoredTableSource wideTable() {
    String comment = "c".repeat(1000);
    DataFile file;
    try (TableFileWriter writer = new TableFileWriter("t", TABLE, directory, root)) {
      for (int b = 0; b < RECORD_BATCHES; b++) {
        List<Object> keys = new ArrayList<>();
        List<Object> comments = new ArrayList<>();
        for (int row = 0; row < ROWS_PER_RECORD_BATCH; row++) {
          keys.add((long) (b * ROWS_PER_RECORD_BATCH + row));
          comments.add(comment);
        }
        try (Batch batch = Batch.of(List.of(
            VectorValues.vectorOf("k", DataType.BIGINT, keys, root),
            VectorValues.vectorOf("comment", DataType.VARCHAR, comments, root)),
            ROWS_PER_RECORD_BATCH)) {
          writer.write(batch);
        }
      }
      file = writer.finish();
    }
    return new StoredTableSource("t", TABLE, directory, List.of(file));
  }

  @Test
  void buildSideReadFromAStoredTableHoldsOnlyItsOwnColumn() {
    RowType probeType = RowType.of(new Column("k", DataType.BIGINT));
    ValuesNode probe = new ValuesNode(probeType,
        List.of(List.of(3L), List.of(4_999L), List.of(20_000L)));
    TableScanNode keysOnly = new TableScanNode(wideTable(), List.of(0), Optional.empty());
    HashJoinNode semiJoin = new HashJoinNode(probe, keysOnly, JoinType.SEMI, List.of(0),
        List.of(0), List.of(false), Optional.empty(), probeType);

    long commentBytes = (long) RECORD_BATCHES * ROWS_PER_RECORD_BATCH * 1000;
    try (NativeQueryRunner runner = new NativeQueryRunner(2);
        BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      List<List<Object>> rows;
      try (ResultStream stream = runner.execute(semiJoin,
          new QueryContext("test", allocator, 2, 4096))) {
        rows = new ArrayList<>(Results.rows(stream));
      }
      rows.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
      assertEquals(List.of(List.of(3L), List.of(4_999L)), rows);
      // Reading holds a record batch or two per driver at a time; keeping every record batch
      // the keys were sliced from would hold all the comments.
      long peak = allocator.getPeakMemoryAllocation();
      assertTrue(peak < commentBytes / 3, "peak " + peak + " bytes; the comments take "
          + commentBytes);
    }
  }
}
