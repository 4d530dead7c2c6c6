package dev.salvo.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EXPLAIN ANALYZE runs the query and answers the executor plan with each operator's figures. */
class ExplainAnalyzeTest {
  private final SalvoEngine engine = new SalvoEngine(EngineConfig.defaults()
      .withParallelism(2).withTpchSchemas(Map.of("tiny", 0.01, "sf0_1", 0.1)));

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private List<String> lines(String sql) {
    List<String> lines = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql)) {
      for (Batch next = stream.next(); next != null; next = stream.next()) {
        try (Batch batch = next) {
          VarCharVector column = (VarCharVector) batch.column(0);
          for (int row = 0; row < batch.rowCount(); row++) {
            lines.add(column.getObject(row).toString());
          }
        }
      }
    }
    return lines;
  }

  private static long figure(String line, String name) {
    Matcher matcher = Pattern.compile("\\b" + name + "=(\\d+)").matcher(line);
    assertTrue(matcher.find(), name + " missing in " + line);
    return Long.parseLong(matcher.group(1));
  }

  private static String line(List<String> lines, String start) {
    return lines.stream().filter(line -> line.trim().startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + start + " in " + lines));
  }

  @Test
  void reportsRowsBatchesDriversTimesAndMemoryPerOperator() {
    List<String> lines = lines("EXPLAIN ANALYZE SELECT /*+ REPARTITION(4, n_regionkey),"
        + " INTO_BATCHES(3) */ n_name, n_regionkey * 2 FROM tpch.tiny.nation");

    String scan = line(lines, "TableScan");
    assertEquals(25, figure(scan, "rows"));
    String exchange = line(lines, "Exchange(partitions=4");
    assertEquals(25, figure(exchange, "rows"));
    assertEquals(4, figure(exchange, "drivers"));
    String rechunk = line(lines, "Rechunk(batch_rows=3)");
    assertEquals(25, figure(rechunk, "rows"));
    // Five region keys of five nations each, in at most four partitions: batches of <= 3 rows.
    assertTrue(figure(rechunk, "batches") >= 9, rechunk);
    assertTrue(rechunk.contains("wall=") && rechunk.contains("cpu="), rechunk);
    assertTrue(figure(line(lines, "query"), "peak_memory_bytes") > 0, lines.toString());
  }

  @Test
  void theScanBelowASelectiveJoinDropsTheRowsWhoseKeyTheBuildSideLacks() {
    // Of tiny lineitem's 60,175 rows only those of one customer's orders join (an integer key
    // in a narrow range: indexed directly), or those shipped by MAIL (a string key, hashed);
    // of sf0_1's 600,572 those of its urgent orders (keys too far apart to index directly: the
    // set of their values is asked). The scan itself passes no others up. A LEFT join keeps
    // every row, so its scan drops none.
    for (String sql : List.of(
        "SELECT l_quantity FROM tpch.tiny.lineitem JOIN tpch.tiny.orders"
            + " ON l_orderkey = o_orderkey WHERE o_custkey = 370",
        "SELECT l_quantity FROM tpch.tiny.lineitem JOIN (VALUES ('MAIL')) AS m (mode)"
            + " ON l_shipmode = m.mode",
        "SELECT l_quantity FROM tpch.sf0_1.lineitem JOIN tpch.sf0_1.orders"
            + " ON l_orderkey = o_orderkey WHERE o_orderpriority = '1-URGENT'")) {
      List<String> lines = lines("EXPLAIN ANALYZE " + sql);
      long joined = figure(line(lines, "HashJoin"), "rows");
      assertTrue(joined > 0 && joined < 200_000, lines.toString());
      assertEquals(joined, figure(line(lines, "TableScan(table=tpch."), "rows"),
          lines.toString());
    }
    List<String> outer = lines("EXPLAIN ANALYZE SELECT l_quantity, o_orderdate"
        + " FROM tpch.tiny.lineitem LEFT JOIN (SELECT * FROM tpch.tiny.orders"
        + " WHERE o_custkey = 370) ON l_orderkey = o_orderkey");
    assertEquals(60_175, figure(line(outer, "TableScan(table=tpch.tiny.lineitem"), "rows"),
        outer.toString());
  }

  @Test
  void explainWithoutAnalyzeShowsExchangesAndBatchSizesWithoutRunning() {
    List<String> lines = lines("EXPLAIN SELECT /*+ REPARTITION(8, n_name), INTO_BATCHES(100) */"
        + " n_name FROM tpch.tiny.nation");
    assertTrue(lines.stream().anyMatch(line -> line.contains(
        "Exchange(partitions=8, distribution=hash[n_name])")), lines.toString());
    assertTrue(lines.stream().anyMatch(line -> line.contains("Rechunk(batch_rows=100)")),
        lines.toString());
    assertTrue(lines.stream().noneMatch(line -> line.matches(".*\\brows=\\d.*")), lines.toString());
  }

  @Test
  void unknownHintsComeBackAsWarningsWithTheResult() {
    try (ResultStream stream = engine.execute(
        "SELECT /*+ BROADCAST(t), REPARTITION(2) */ n_name FROM tpch.tiny.nation")) {
      assertEquals(List.of("Unknown hint BROADCAST was ignored"), stream.warnings());
      for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
        batch.close();
      }
    }
  }

  @Test
  void analyzeStaysAUsableColumnName() {
    assertEquals(List.of("1"), lines("SELECT CAST(analyze AS VARCHAR) FROM (VALUES (1)) AS t(analyze)"));
  }
}
