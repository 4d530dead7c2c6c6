package dev.salvo.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.runner.ResultStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Planning apart from running, per-query options, progress, and the list of functions. */
class EngineApiTest {
  private static SalvoEngine engine;

  @BeforeAll
  static void start() {
    engine = new SalvoEngine(new EngineConfig(2, 4096, 64L << 20, 256L << 20,
        Map.of("tiny", 0.01)));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void preparesOnceAndRunsWithItsOwnOptionsAndProgress() {
    ExecutableQuery query = engine.compile("SELECT o_orderkey FROM tpch.tiny.orders");
    assertEquals("SELECT o_orderkey FROM tpch.tiny.orders", query.sql());
    assertEquals(1, query.rowType().size());

    QueryProgress progress = new QueryProgress();
    int batches = 0;
    long rows = 0;
    try (ResultStream stream = engine.execute(query, QueryOptions.DEFAULTS.withBatchSize(1000)
        .withParallelism(1).withQueryId("mine").withProgress(progress)
        .withMaxMemoryBytes(32L << 20))) {
      Batch batch;
      while ((batch = stream.next()) != null) {
        try (Batch current = batch) {
          assertTrue(current.rowCount() <= 1000);
          batches++;
          rows += current.rowCount();
        }
      }
    }
    assertEquals(15_000, rows);
    assertTrue(batches >= 15, batches + " batches");
    assertEquals(rows, progress.outputRows());
    assertEquals(batches, progress.outputBatches());
    assertEquals(15_000, progress.scannedRows());
    assertTrue(progress.splitsTotal() > 0);
    assertEquals(progress.splitsTotal(), progress.splitsCompleted());
    assertEquals(0, engine.allocatedMemory());

    // The same plan runs again, with the engine's defaults this time.
    try (ResultStream stream = engine.execute(query, QueryOptions.DEFAULTS)) {
      Batch batch = stream.next();
      assertTrue(batch.rowCount() > 1000);
      batch.close();
    }
  }

  @Test
  void aQueryMayNotAskForMoreMemoryThanTheEngineAllows() {
    SalvoException error = assertThrows(SalvoException.class, () -> engine.execute("SELECT 1",
        QueryOptions.DEFAULTS.withMaxMemoryBytes(1L << 30)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertThrows(IllegalArgumentException.class, () -> QueryOptions.DEFAULTS.withBatchSize(0));
    assertThrows(IllegalArgumentException.class,
        () -> QueryOptions.DEFAULTS.withParallelism(QueryOptions.MAX_PARALLELISM + 1));
  }

  @Test
  void aTightMemoryLimitFailsTheQuery() {
    try (ResultStream stream = engine.execute(
        "SELECT l_comment, count(*) FROM tpch.tiny.lineitem GROUP BY l_comment",
        QueryOptions.DEFAULTS.withMaxMemoryBytes(64 << 10))) {
      SalvoException error = assertThrows(SalvoException.class, () -> {
        Batch batch;
        while ((batch = stream.next()) != null) {
          batch.close();
        }
      });
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, error.code());
    }
  }

  @Test
  void everyListedFunctionRunsItsExample() {
    Set<String> names = new HashSet<>();
    for (FunctionInfo function : engine.builtInFunctions()) {
      assertTrue(names.add(function.name()), "Listed twice: " + function.name());
      String sql = function.kind() == FunctionInfo.Kind.SCALAR
          ? "SELECT " + function.example()
          : "SELECT " + function.example() + " FROM (VALUES (1), (2)) AS t(x)";
      try (ResultStream stream = engine.execute(sql)) {
        Batch batch = stream.next();
        assertEquals(1, batch.rowCount(), sql);
        batch.close();
      } catch (SalvoException e) {
        throw new AssertionError("The example of " + function.name() + " fails: " + sql, e);
      }
    }
    assertTrue(names.containsAll(Set.of("ABS", "SUBSTRING", "COUNT", "SUM")));
  }
}
