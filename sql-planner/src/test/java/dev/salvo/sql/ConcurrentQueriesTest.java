package dev.salvo.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queries sharing one engine: a query over its memory limit fails alone and gives its memory
 * back, and a long query does not keep a short one from finishing.
 */
class ConcurrentQueriesTest {
  private final SalvoEngine engine = new SalvoEngine(EngineConfig.defaults()
      .withParallelism(2).withQueryMaxMemoryBytes(256L << 20).withMaxMemoryBytes(1L << 30)
      .withTpchSchemas(Map.of("tiny", 0.01, "sf1", 1.0)));

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static List<Long> firstColumn(ResultStream stream) {
    List<Long> values = new ArrayList<>();
    for (Batch next = stream.next(); next != null; next = stream.next()) {
      try (Batch batch = next) {
        BigIntVector column = (BigIntVector) batch.column(0);
        for (int row = 0; row < batch.rowCount(); row++) {
          values.add(column.get(row));
        }
      }
    }
    return values;
  }

  @Test
  void aQueryOverItsMemoryLimitFailsAloneAndFreesItsMemory() {
    SalvoSession limited = engine.newSession(Map.of("query_max_memory", "1MB",
        "batch_size", "1000"));
    SalvoSession normal = engine.newSession();
    // 60,175 groups: far more hash-table memory than 1MB, while each batch fits easily.
    try (ResultStream big = limited.execute("SELECT l_orderkey, l_linenumber, count(*)"
            + " FROM tpch.tiny.lineitem GROUP BY l_orderkey, l_linenumber");
        ResultStream small = normal.execute("SELECT count(*) FROM tpch.tiny.orders")) {
      assertEquals(List.of(15000L), firstColumn(small));
      SalvoException error = assertThrows(SalvoException.class, () -> firstColumn(big));
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, error.code());
      assertEquals("53200", error.sqlState());
    }
    assertEquals(0, engine.rootAllocator().getAllocatedMemory());

    // The same aggregation within a normal limit answers every group.
    try (ResultStream stream = normal.execute("SELECT count(*) FROM (SELECT l_orderkey,"
        + " l_linenumber, count(*) FROM tpch.tiny.lineitem GROUP BY l_orderkey, l_linenumber)")) {
      assertEquals(List.of(60175L), firstColumn(stream));
    }
    assertEquals(0, engine.rootAllocator().getAllocatedMemory());
  }

  @Test
  void aLongQueryDoesNotStarveAShortOne() {
    // Engine parallelism 2 means two driver threads: the long scan alone could fill both.
    try (ResultStream longQuery = engine.execute(
        "SELECT count(*) FROM tpch.sf1.lineitem WHERE l_comment LIKE '%zebra%'")) {
      try (ResultStream shortQuery = engine.execute("SELECT count(*) FROM tpch.tiny.nation")) {
        assertEquals(List.of(25L), firstColumn(shortQuery));
      }
      // Cancelling only works on a query still running: the short one finished first.
      longQuery.cancel();
      SalvoException cancelled = assertThrows(SalvoException.class, () -> firstColumn(longQuery));
      assertEquals(ErrorCode.QUERY_CANCELLED, cancelled.code());
    }
    assertTrue(engine.rootAllocator().getAllocatedMemory() == 0);
  }
}
