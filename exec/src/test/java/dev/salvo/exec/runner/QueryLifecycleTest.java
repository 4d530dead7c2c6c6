package dev.salvo.exec.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryLifecycleTest {
  private BufferAllocator root;

  @BeforeEach
  void setUp() {
    root = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    root.close();
  }

  private static SortNode sortById(TableSource table) {
    return new SortNode(Plans.scanAll(table), List.of(new SortKey(0, true, false)), 0, -1);
  }

  @Test
  void sourceErrorCancelsTheQueryAndSurfacesFromNext() {
    try (NativeQueryRunner runner = new NativeQueryRunner(2);
        BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      GeneratedTable table = new GeneratedTable(8, 100, 5);
      QueryContext context = new QueryContext("q", allocator, 3, 10);
      try (ResultStream stream = runner.execute(Plans.scanAll(table), context)) {
        SalvoException error = assertThrows(SalvoException.class, () -> {
          for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
            batch.close();
          }
        });
        assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
        assertTrue(error.getMessage().contains("Broken split 5"), error.getMessage());
        assertTrue(context.isCancelled());
        // The error stays: every later call reports it too.
        assertThrows(SalvoException.class, stream::next);
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void closingBeforeTheEndStopsEveryDriverAndReleasesAllMemory() {
    try (NativeQueryRunner runner = new NativeQueryRunner(2);
        BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      GeneratedTable table = new GeneratedTable(100, 1000);
      ResultStream stream = runner.execute(Plans.scanAll(table),
          new QueryContext("q", allocator, 4, 100));
      try (Batch batch = stream.next()) {
        assertNotNull(batch);
      }
      stream.close();
      assertEquals(0, allocator.getAllocatedMemory());
      assertTrue(table.openedSplits() < 100, "opened " + table.openedSplits() + " splits");
    }
  }

  @Test
  void closingAQueryThatHoldsSortedRunsReleasesThem() {
    try (NativeQueryRunner runner = new NativeQueryRunner(2);
        BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      ResultStream stream = runner.execute(sortById(new GeneratedTable(10, 200)),
          new QueryContext("q", allocator, 3, 50));
      try (Batch batch = stream.next()) {
        assertEquals(0L, batch.column(0).getObject(0));
      }
      stream.close();
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void cancelMakesNextThrowQueryCancelled() {
    try (NativeQueryRunner runner = new NativeQueryRunner(2);
        BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      try (ResultStream stream = runner.execute(Plans.scanAll(new GeneratedTable(100, 1000)),
          new QueryContext("q", allocator, 2, 100))) {
        stream.next().close();
        stream.cancel();
        SalvoException error = assertThrows(SalvoException.class, stream::next);
        assertEquals(ErrorCode.QUERY_CANCELLED, error.code());
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void exceedingTheMemoryLimitFailsWithMemoryLimitExceeded() {
    // Several limits, so that the allocation that fails lands in different places.
    for (long limit : new long[] {20_000, 64 * 1024, 256 * 1024, 1024 * 1024}) {
      try (NativeQueryRunner runner = new NativeQueryRunner(2);
          BufferAllocator allocator = root.newChildAllocator("q", 0, limit)) {
        try (ResultStream stream = runner.execute(sortById(new GeneratedTable(20, 2000)),
            new QueryContext("q", allocator, 2, 500))) {
          SalvoException error = assertThrows(SalvoException.class, stream::next);
          assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, error.code());
          assertEquals("53200", error.sqlState());
        }
        assertEquals(0, allocator.getAllocatedMemory());
      }
    }
  }

  @Test
  void runnerClosedWhileAQueryRunsFailsThatQuery() {
    try (BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      NativeQueryRunner runner = new NativeQueryRunner(1);
      ResultStream stream = runner.execute(Plans.scanAll(new GeneratedTable(50, 1000)),
          new QueryContext("q", allocator, 2, 100));
      stream.next().close();
      runner.close();
      SalvoException error = assertThrows(SalvoException.class, () -> {
        for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
          batch.close();
        }
      });
      assertEquals(ErrorCode.QUERY_CANCELLED, error.code());
      stream.close();
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  /** Reads every batch, pausing after each one like a slow client, and counts the rows. */
  private static long readSlowly(ResultStream stream) throws InterruptedException {
    long rows = 0;
    for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
      rows += batch.rowCount();
      batch.close();
      Thread.sleep(1);
    }
    return rows;
  }

  @Test
  void concurrentQueriesWithSlowReadersShareASingleThread() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    GeneratedTable first = new GeneratedTable(20, 200);
    GeneratedTable second = new GeneratedTable(15, 200);
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try (NativeQueryRunner runner = new NativeQueryRunner(1);
        BufferAllocator firstAllocator = root.newChildAllocator("first", 0, Long.MAX_VALUE);
        BufferAllocator secondAllocator = root.newChildAllocator("second", 0, Long.MAX_VALUE)) {
      ExecNode firstPlan = Plans.scanAll(new ThreadRecordingTable(first, threads));
      ExecNode secondPlan = sortById(new ThreadRecordingTable(second, threads));
      ResultStream firstStream = runner.execute(firstPlan,
          new QueryContext("first", firstAllocator, 4, 20));
      ResultStream secondStream = runner.execute(secondPlan,
          new QueryContext("second", secondAllocator, 4, 20));
      Future<Long> firstRows = readers.submit(() -> readSlowly(firstStream));
      Future<Long> secondRows = readers.submit(() -> readSlowly(secondStream));
      // A generous bound that only a deadlock exceeds.
      assertEquals(4000L, firstRows.get(2, TimeUnit.MINUTES));
      assertEquals(3000L, secondRows.get(2, TimeUnit.MINUTES));
      firstStream.close();
      secondStream.close();
      assertEquals(0, firstAllocator.getAllocatedMemory());
      assertEquals(0, secondAllocator.getAllocatedMemory());
    } finally {
      readers.shutdownNow();
    }
    assertEquals(Set.of("salvo-driver-1"), threads);
  }

  /** Delegates to another table and records which threads open its splits. */
  private record ThreadRecordingTable(TableSource table, Set<String> threads)
      implements TableSource {
    @Override
    public String name() {
      return table.name();
    }

    @Override
    public RowType rowType() {
      return table.rowType();
    }

    @Override
    public long estimatedRowCount() {
      return table.estimatedRowCount();
    }

    @Override
    public List<TableSplit> splits(int targetCount) {
      return table.splits(targetCount);
    }

    @Override
    public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
        int batchSize) {
      threads.add(Thread.currentThread().getName());
      return table.open(split, columns, allocator, batchSize);
    }
  }
}
