package dev.salvo.exec.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExtensionNode;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.RechunkNode;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.testing.RecordingOperator;
import dev.salvo.exec.testing.Results;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeAndRechunkTest {
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

  private static Comparator<List<Object>> byId() {
    return Comparator.comparingLong(row -> (Long) row.get(GeneratedTable.ID));
  }

  @Test
  void hashExchangeSendsEveryKeyToOnePartitionAndKeepsEveryRow() {
    GeneratedTable table = new GeneratedTable(6, 500);
    RecordingOperator probe = new RecordingOperator(GeneratedTable.NAME);
    ExecNode plan = new ExtensionNode(
        new ExchangeNode(Plans.scanAll(table), 8, List.of(GeneratedTable.NAME)), probe);

    List<List<Object>> rows = RunnerTestSupport.run(runner, root, plan, 3, 64);

    rows.sort(byId());
    assertEquals(table.rows(), rows);
    // name has 7 distinct values plus NULL: each reached exactly one partition.
    assertEquals(8, probe.partitionsByValue().size());
    probe.partitionsByValue().forEach((value, partitions) ->
        assertEquals(1, partitions.size(), value + " reached partitions " + partitions));
    assertTrue(probe.partitionsByValue().values().stream().flatMap(Set::stream)
        .allMatch(partition -> partition >= 0 && partition < 8));
  }

  @Test
  void hashOnSeveralColumnsKeepsEqualKeyPairsTogether() {
    GeneratedTable table = new GeneratedTable(4, 250);
    RecordingOperator byBucket = new RecordingOperator(GeneratedTable.BUCKET);
    ExecNode plan = new ExtensionNode(new ExchangeNode(Plans.scanAll(table), 5,
        List.of(GeneratedTable.BUCKET, GeneratedTable.FLAG)), byBucket);

    List<List<Object>> rows = RunnerTestSupport.run(runner, root, plan, 2, 100);

    assertEquals(1000, rows.size());
    int partitionsUsed = (int) byBucket.rowsByPartition().keySet().stream().count();
    assertTrue(partitionsUsed > 1, "all rows landed in one partition");
  }

  @Test
  void roundRobinExchangeSpreadsRowsEvenly() {
    GeneratedTable table = new GeneratedTable(1, 800);
    RecordingOperator probe = new RecordingOperator(GeneratedTable.ID);
    ExecNode plan = new ExtensionNode(new ExchangeNode(Plans.scanAll(table), 4, List.of()),
        probe);

    List<List<Object>> rows = RunnerTestSupport.run(runner, root, plan, 1, 100);

    rows.sort(byId());
    assertEquals(table.rows(), rows);
    assertEquals(4, probe.rowsByPartition().size());
    probe.rowsByPartition().values().forEach(count -> assertEquals(200, count));
  }

  @Test
  void unionAllStreamsEveryInputsRowsInAFewBatchesOfMemory() {
    GeneratedTable small = new GeneratedTable(1, 100);
    GeneratedTable large = new GeneratedTable(4, 20_000);
    ExecNode plan = new UnionNode(List.of(Plans.scanAll(large), Plans.scanAll(small),
        Plans.scanAll(large)), GeneratedTable.ROW_TYPE);

    List<List<Object>> rows = new ArrayList<>();
    long bytesRead = 0;
    long peak;
    try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      try (ResultStream stream = runner.execute(plan,
          new QueryContext("union", allocator, 2, 256))) {
        Batch batch;
        while ((batch = stream.next()) != null) {
          try (Batch read = batch) {
            bytesRead += read.sizeInBytes();
            rows.addAll(Results.rows(read));
          }
        }
      }
      peak = allocator.getPeakMemoryAllocation();
      assertEquals(0, allocator.getAllocatedMemory(), "memory left after close");
    }

    // Every input's rows, the small input's too although it finished long before the others.
    List<List<Object>> expected = new ArrayList<>(large.rows());
    expected.addAll(large.rows());
    expected.addAll(small.rows());
    expected.sort(byId());
    rows.sort(byId());
    assertEquals(expected, rows);
    // A union that collected its inputs before emitting held all of them at once.
    assertTrue(peak < bytesRead / 10, "peak " + peak + " bytes of " + bytesRead + " read");
  }

  @Test
  void rechunkGathersSmallBatchesAndSplitsBigOnes() {
    for (int scanBatch : new int[] {7, 100, 333}) {
      GeneratedTable table = new GeneratedTable(1, 1050);
      RecordingOperator probe = new RecordingOperator(GeneratedTable.ID);
      ExecNode plan = new ExtensionNode(new RechunkNode(Plans.scanAll(table), 100), probe);

      List<List<Object>> rows = RunnerTestSupport.run(runner, root, plan, 1, scanBatch);

      assertEquals(table.rows(), rows, "scan batch " + scanBatch);
      List<Integer> sizes = probe.batchSizes();
      assertEquals(11, sizes.size(), "calls for scan batch " + scanBatch + ": " + sizes);
      assertEquals(10, sizes.stream().filter(size -> size == 100).count());
      assertTrue(sizes.contains(50));
    }
  }

  @Test
  void rechunkAfterExchangeBoundsEveryPartitionsBatches() {
    GeneratedTable table = new GeneratedTable(5, 1000);
    RecordingOperator probe = new RecordingOperator(GeneratedTable.ID);
    ExecNode plan = new ExtensionNode(new RechunkNode(
        new ExchangeNode(Plans.scanAll(table), 3, List.of(GeneratedTable.BUCKET)), 100), probe);

    List<List<Object>> rows = RunnerTestSupport.run(runner, root, plan, 2, 512);

    assertEquals(5000, rows.size());
    assertTrue(probe.batchSizes().stream().allMatch(size -> size <= 100), "a batch over 100");
    // Every partition emits full batches but for its last one.
    assertTrue(probe.batchSizes().size() <= 5000 / 100 + 3, "calls: " + probe.batchSizes().size());
  }

  @Test
  void limitAboveAnExchangeEndsTheQueryWithoutWaitingForTheProducers() {
    GeneratedTable table = new GeneratedTable(50, 1000);
    ExecNode plan = new LimitNode(new ExchangeNode(Plans.scanAll(table), 4, List.of()), 0, 10);

    List<List<Object>> rows = RunnerTestSupport.run(runner, root, plan, 2, 100);

    assertEquals(10, rows.size());
  }

  @Test
  void cancellingAQueryWithAnExchangeStopsEveryDriverAndEmptiesTheAllocator() {
    GeneratedTable table = new GeneratedTable(200, 1000);
    try (BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      QueryContext context = new QueryContext("q", allocator, 2, 100);
      ExecNode plan = new RechunkNode(
          new ExchangeNode(Plans.scanAll(table), 8, List.of(GeneratedTable.BUCKET)), 50);
      try (ResultStream stream = runner.execute(plan, context)) {
        try (Batch first = stream.next()) {
          assertNotNull(first);
        }
        stream.cancel();
        SalvoException error = assertThrows(SalvoException.class, () -> {
          for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
            batch.close();
          }
        });
        assertEquals(ErrorCode.QUERY_CANCELLED, error.code());
      }
      assertEquals(0, allocator.getAllocatedMemory());
      assertTrue(table.openedSplits() < 200, "the scan was not stopped");
    }
  }

  @Test
  void anErrorBelowAnExchangeFailsTheQueryAndReleasesEverything() {
    GeneratedTable table = new GeneratedTable(20, 100, 7);
    try (BufferAllocator allocator = root.newChildAllocator("q", 0, Long.MAX_VALUE)) {
      ExecNode plan = new ExchangeNode(Plans.scanAll(table), 4, List.of(GeneratedTable.ID));
      try (ResultStream stream = runner.execute(plan, new QueryContext("q", allocator, 2, 10))) {
        SalvoException error = assertThrows(SalvoException.class, () -> {
          for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
            batch.close();
          }
        });
        assertTrue(error.getMessage().contains("Broken split 7"), error.getMessage());
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }
}
