package dev.salvo.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.sql.SalvoSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SET, RESET and SHOW change and answer a session's settings, and queries honour them. */
class SalvoSessionTest {
  private final SalvoEngine engine = new SalvoEngine(EngineConfig.defaults()
      .withParallelism(2).withBatchSize(4096).withQueryMaxMemoryBytes(256L << 20)
      .withMaxMemoryBytes(1L << 30).withTpchSchemas(Map.of("tiny", 0.01)));

  @AfterEach
  void tearDown() {
    engine.close();
    // The engine logs leaks; the root allocator must also end empty here.
  }

  /** Every row as a list of Java values, batch by batch. */
  private static List<List<List<Object>>> batches(ResultStream stream) {
    List<List<List<Object>>> batches = new ArrayList<>();
    try (stream) {
      for (Batch next = stream.next(); next != null; next = stream.next()) {
        try (Batch batch = next) {
          List<List<Object>> rows = new ArrayList<>();
          for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (int column = 0; column < batch.columnCount(); column++) {
              Object value = batch.column(column).getObject(row);
              values.add(value == null ? null : value.toString());
            }
            rows.add(values);
          }
          batches.add(rows);
        }
      }
    }
    return batches;
  }

  private static List<List<Object>> rows(ResultStream stream) {
    return batches(stream).stream().flatMap(List::stream).toList();
  }

  private static String show(SalvoSession session, String name) {
    List<List<Object>> rows = rows(session.execute("SHOW " + name));
    assertEquals(1, rows.size());
    assertEquals(name, rows.get(0).get(0));
    return (String) rows.get(0).get(1);
  }

  @Test
  void setChangesTheValueShowAnswersAndResetRestoresTheDefault() {
    SalvoSession session = engine.newSession();
    assertEquals("4096", show(session, "batch_size"));

    List<List<Object>> set = rows(session.execute("SET batch_size = 100"));
    assertEquals(List.of("batch_size", "100"), set.get(0).subList(0, 2));
    assertEquals("100", show(session, "batch_size"));
    assertEquals(100, session.settings().batchSize());

    session.execute("SET query_max_memory = '512MB'").close();
    assertEquals("512MB", show(session, "query_max_memory"));
    assertEquals(512L << 20, session.settings().queryMaxMemoryBytes());
    session.execute("set RUNNER = native").close();
    assertEquals("native", show(session, "runner"));

    session.execute("RESET batch_size").close();
    assertEquals("4096", show(session, "batch_size"));
    assertEquals("512MB", show(session, "query_max_memory"));
    session.execute("RESET ALL").close();
    assertEquals("256MB", show(session, "query_max_memory"));

    List<List<Object>> all = rows(session.execute("SHOW ALL"));
    assertEquals(List.of("catalog", "schema", "runner", "batch_size", "parallelism",
        "query_max_memory"),
        all.stream().map(row -> row.get(0)).toList());
  }

  @Test
  void queriesRunWithTheSessionsBatchSizeAndParallelism() {
    SalvoSession session = engine.newSession();
    session.execute("SET batch_size = 7").close();
    List<List<List<Object>>> batches =
        batches(session.execute("SELECT n_name FROM tpch.tiny.nation"));
    assertEquals(25, batches.stream().mapToInt(List::size).sum());
    assertTrue(batches.stream().allMatch(batch -> batch.size() <= 7), "batches over 7 rows");
    assertTrue(batches.size() >= 4);

    session.execute("SET parallelism = 1").close();
    assertEquals(1, scanDrivers(session));
    session.execute("SET parallelism = 3").close();
    assertEquals(3, scanDrivers(session));
    // Another session keeps the engine's defaults.
    assertEquals(2, scanDrivers(engine.newSession()));
  }

  private static long scanDrivers(SalvoSession session) {
    String scan = rows(session.execute("EXPLAIN ANALYZE SELECT o_orderkey FROM tpch.tiny.orders"))
        .stream().map(row -> (String) row.get(0))
        .filter(line -> line.trim().startsWith("TableScan")).findFirst().orElseThrow();
    Matcher matcher = Pattern.compile("\\bdrivers=(\\d+)").matcher(scan);
    assertTrue(matcher.find(), scan);
    return Long.parseLong(matcher.group(1));
  }

  @Test
  void badSettingsFailWithACodeAndLeaveTheSessionAsItWas() {
    SalvoSession session = engine.newSession();
    session.execute("SET batch_size = 100").close();

    SalvoException unknown = assertThrows(SalvoException.class,
        () -> session.execute("SET batch_sise = 10"));
    assertEquals(ErrorCode.UNKNOWN_SETTING, unknown.code());
    assertEquals("42704", unknown.sqlState());
    assertTrue(unknown.getMessage().contains("batch_sise"), unknown.getMessage());

    for (String bad : List.of("SET batch_size = 0", "SET batch_size = 'many'",
        "SET parallelism = -2", "SET query_max_memory = '12 apples'",
        "SET query_max_memory = '64TB'", "SET runner = 'flink'", "SET batch_size = NULL")) {
      SalvoException error = assertThrows(SalvoException.class, () -> session.execute(bad));
      assertEquals(ErrorCode.INVALID_SETTING_VALUE, error.code(), bad);
      assertEquals("22023", error.sqlState());
    }
    SalvoException distributed = assertThrows(SalvoException.class,
        () -> session.execute("SET runner = 'distributed'"));
    assertEquals(ErrorCode.NOT_SUPPORTED, distributed.code());
    assertTrue(distributed.getMessage().contains("distributed"));
    assertEquals(ErrorCode.UNKNOWN_SETTING,
        assertThrows(SalvoException.class, () -> session.execute("SHOW nothing")).code());

    assertEquals("100", show(session, "batch_size"));
    assertEquals("native", show(session, "runner"));
  }

  @Test
  void sessionsStartFromPropertiesAndStayApart() {
    SalvoSession first = engine.newSession(Map.of("batch_size", "10", "QUERY_MAX_MEMORY", "1GB"));
    SalvoSession second = engine.newSession();
    assertEquals("10", show(first, "batch_size"));
    assertEquals("1GB", show(first, "query_max_memory"));
    second.execute("SET batch_size = 20").close();
    assertEquals("10", show(first, "batch_size"));
    assertEquals("20", show(second, "batch_size"));

    assertEquals(ErrorCode.UNKNOWN_SETTING, assertThrows(SalvoException.class,
        () -> engine.newSession(Map.of("threads", "2"))).code());
    assertEquals(ErrorCode.INVALID_SETTING_VALUE, assertThrows(SalvoException.class,
        () -> engine.newSession(Map.of("parallelism", "x"))).code());
  }

  @Test
  void sessionStatementsDescribeTheirResult() {
    assertEquals(SessionStatements.ROW_TYPE, engine.prepare("SET batch_size = 5").resultType());
    assertEquals(SessionStatements.ROW_TYPE, engine.prepare("SHOW ALL").resultType());
    assertEquals(0, engine.prepare("RESET ALL").parameterTypes().size());
  }

  @Test
  void aSetStatementOfItsOwnChangesNothingThatLasts() {
    engine.execute("SET batch_size = 3").close();
    assertEquals("4096", show(engine.newSession(), "batch_size"));
  }
}
