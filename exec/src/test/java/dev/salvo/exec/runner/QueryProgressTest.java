package dev.salvo.exec.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.type.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The progress counters a running query's operators update. */
class QueryProgressTest {
  private BufferAllocator root;
  private NativeQueryRunner runner;

  @BeforeEach
  void setUp() {
    root = new RootAllocator();
    runner = new NativeQueryRunner(2);
  }

  @AfterEach
  void tearDown() {
    runner.close();
    root.close();
  }

  @Test
  void scansCountSplitsAndRowsAndTheSinkCountsTheOutput() {
    GeneratedTable table = new GeneratedTable(6, 40);
    FilterNode plan = new FilterNode(Plans.scanAll(table),
        new ColumnReference(GeneratedTable.FLAG, DataType.BOOLEAN));
    QueryProgress totals = new QueryProgress();
    QueryProgress progress = new QueryProgress(totals);
    long rows = 0;
    long batches = 0;
    long bytes = 0;
    try (BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      assertEquals(-1, progress.inputFraction());
      try (ResultStream stream = runner.execute(plan,
          new QueryContext("q", allocator, 2, 16, progress))) {
        Batch batch;
        while ((batch = stream.next()) != null) {
          try (Batch current = batch) {
            rows += current.rowCount();
            batches++;
            bytes += current.sizeInBytes();
            assertTrue(progress.memoryBytes() > 0);
          }
        }
      }
      assertEquals(0, progress.memoryBytes());
    }
    assertEquals(6, progress.splitsTotal());
    assertEquals(6, progress.splitsCompleted());
    assertEquals(1.0, progress.inputFraction());
    assertEquals(240, progress.scannedRows());
    assertEquals(rows, progress.outputRows());
    assertEquals(batches, progress.outputBatches());
    assertEquals(bytes, progress.outputBytes());
    assertTrue(progress.peakMemoryBytes() > 0);
    // The parent sees every update.
    assertEquals(240, totals.scannedRows());
    assertEquals(rows, totals.outputRows());
    assertEquals(6, totals.splitsCompleted());
    assertEquals(0, progress.udfCallsCompleted());
  }

  @Test
  void aLimitStopsBeforeEverySplitIsRead() {
    GeneratedTable table = new GeneratedTable(8, 100);
    QueryProgress progress = new QueryProgress();
    try (BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE);
        ResultStream stream = runner.execute(new LimitNode(Plans.scanAll(table), 0, 5),
            new QueryContext("q", allocator, 1, 10, progress))) {
      Batch batch;
      while ((batch = stream.next()) != null) {
        batch.close();
      }
    }
    assertEquals(5, progress.outputRows());
    assertTrue(progress.inputFraction() < 1.0, "Read " + progress.splitsCompleted());
  }

  @Test
  void udfCallsAreCountedWhenOperatorsReportThem() {
    QueryProgress totals = new QueryProgress();
    QueryProgress progress = new QueryProgress(totals);
    progress.udfCallStarted();
    progress.udfCallStarted();
    assertEquals(2, totals.udfCallsInFlight());
    progress.udfCallFinished(false);
    progress.udfCallFinished(true);
    assertEquals(1, progress.udfCallsCompleted());
    assertEquals(1, progress.udfCallErrors());
    assertEquals(0, progress.udfCallsInFlight());
    assertEquals(1, totals.udfCallErrors());
  }
}
