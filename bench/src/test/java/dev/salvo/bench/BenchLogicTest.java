package dev.salvo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's own logic, without running any engine: no timings are asserted here. */
class BenchLogicTest {
  @TempDir
  Path directory;

  @Test
  void answersAgreeAcrossTypesOrderAndCoarserAverages() {
    List<List<Object>> duckDb = List.of(
        List.of("R", 25.575154611454693, java.sql.Date.valueOf("1998-09-02")),
        List.of("A", 2L, java.sql.Date.valueOf("1995-01-01")));
    List<List<Object>> calcite = List.of(
        List.of("A ", BigDecimal.valueOf(2), LocalDate.of(1995, 1, 1)),
        List.of("R", new BigDecimal("25.57"), LocalDate.of(1998, 9, 2)));
    assertNull(AnswerComparison.difference(duckDb, calcite));
    assertNotNull(AnswerComparison.difference(duckDb, calcite.subList(0, 1)));
    assertNotNull(AnswerComparison.difference(List.of(List.of(new BigDecimal("10.00"))),
        List.of(List.of(new BigDecimal("10.05")))));
    assertNull(AnswerComparison.difference(List.of(Arrays.asList((Object) null)),
        List.of(Arrays.asList((Object) null))));
  }

  @Test
  void aQueryThatFailsInAWarmUpPassIsNotRunAgain() {
    java.util.Map<String, Integer> calls = new java.util.HashMap<>();
    BenchEngine engine = new BenchEngine() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public String queryText(int number) {
        return "Q" + number;
      }

      @Override
      public List<List<Object>> run(String sql) {
        calls.merge(sql, 1, Integer::sum);
        if (sql.equals("Q2")) {
          throw new IllegalStateException("no such table");
        }
        return List.of(List.of(sql));
      }

      @Override
      public void close() {}
    };
    TpchBenchmark.EngineRun run = new TpchBenchmark(3, 1, 2, List.of(1, 2), 10).run(engine);
    assertEquals(Map.of("Q1", 3 + 1 + 2, "Q2", 1), calls);
    Measurement failed = run.measurements().get(1);
    assertEquals("IllegalStateException: no such table (warm-up pass 1)", failed.error());
    assertTrue(failed.runMillis().isEmpty());
    assertEquals(List.of(List.of("Q1")), run.answers().get(1));
    assertFalse(run.answers().containsKey(2));
  }

  @Test
  void medianOfOddAndEvenRuns() {
    assertEquals(2.0, Measurement.median(List.of(3.0, 1.0, 2.0)));
    assertEquals(2.5, Measurement.median(List.of(4.0, 1.0, 2.0, 3.0)));
    assertTrue(Double.isNaN(Measurement.median(List.of())));
  }

  @Test
  void queryTextsRunEverywhere() {
    String q15 = TpchQueryText.sql(15, "bench_sf1.");
    assertTrue(q15.contains("WITH revenue AS"), q15);
    assertTrue(q15.contains("FROM\n    bench_sf1.lineitem"), q15);
    assertFalse(q15.toLowerCase().contains("create"), q15);
    String q20 = TpchQueryText.sql(20, "");
    assertTrue(q20.contains("DATE '1994-01-01'"), q20);
    assertTrue(TpchQueryText.sql(22, "").contains("substring(c_phone, 1, 2)"));
  }

  @Test
  void tableRatiosJsonAndChart() throws Exception {
    List<Measurement> measurements = List.of(
        new Measurement("Salvo", 1, List.of(100.0, 120.0, 110.0), 4, null, "same"),
        new Measurement("DuckDB", 1, List.of(50.0, 55.0, 60.0), 4, null, "reference"),
        new Measurement("Calcite", 1, List.of(2200.0), 4, null, "same"),
        new Measurement("Salvo", 2, List.of(), 0, "SalvoException: not supported", null),
        new Measurement("DuckDB", 2, List.of(10.0), 4, null, "reference"),
        new Measurement("Calcite", 2, List.of(900.0), 4, null, "same"));
    TpchReport report = new TpchReport(Map.of("scale", 1), List.of("Salvo", "DuckDB", "Calcite"),
        List.of(1, 2), measurements);
    assertEquals(2.0, report.ratio("Salvo", "DuckDB", 1), 1e-9);
    assertEquals(20.0, report.ratio("Calcite", "Salvo", 1), 1e-9);
    assertTrue(Double.isNaN(report.ratio("Salvo", "DuckDB", 2)));
    String table = report.table();
    assertTrue(table.contains("| Q1 | 110.0 | 55.0 | 2200.0 | 2.00x | 20.00x | agree |"), table);
    assertTrue(table.contains("| Q2 | cannot run |"), table);
    assertTrue(table.contains("110.0 (partial)"), table);
    report.writeJson(directory.resolve("r.json"));
    report.writeChart(directory.resolve("r.png"), "test");
    assertTrue(Files.size(directory.resolve("r.png")) > 1000);
    assertTrue(Files.readString(directory.resolve("r.json")).contains("\"salvoOverDuckDb\" : 2.0"));
  }
}
