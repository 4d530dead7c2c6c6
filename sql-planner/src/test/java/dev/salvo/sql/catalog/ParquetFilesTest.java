package dev.salvo.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.SalvoEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files through SQL: EXPLAIN shows the columns and conditions handed to the file reader,
 * a selective filter makes the reader return only matching rows, and the files of a pattern are
 * read by several drivers at once.
 */
class ParquetFilesTest {
  private static final int ROWS = 100_000;

  @TempDir
  Path dataDirectory;

  private SalvoEngine engine;

  @BeforeEach
  void writeFilesAndStart() throws Exception {
    Files.createDirectories(dataDirectory.resolve("events"));
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckDb.createStatement()) {
      statement.execute("COPY (SELECT range AS id, 'user' || (range % 100) AS name,"
          + " (range % 1000)::DECIMAL(10,2) AS amount, range / 3.0 AS ratio,"
          + " repeat('x', 20) AS note FROM range(" + ROWS
          + ")) TO '" + dataDirectory.resolve("events.parquet")
          + "' (FORMAT PARQUET, ROW_GROUP_SIZE 10240)");
      for (int part = 0; part < 4; part++) {
        statement.execute("COPY (SELECT range AS id FROM range(" + part * 1000 + ", "
            + (part + 1) * 1000 + ")) TO '" + dataDirectory.resolve("events/" + part + ".parquet")
            + "' (FORMAT PARQUET)");
      }
    }
    engine = new SalvoEngine(EngineConfig.defaults().withDataDirectory(dataDirectory)
        .withParallelism(4));
  }

  @AfterEach
  void stop() {
    assertEquals(0, engine.allocatedMemory(), "Arrow memory still held after the queries");
    engine.close();
  }

  private List<List<Object>> rows(String sql, QueryOptions options) {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql, options)) {
      for (Batch next = stream.next(); next != null; next = stream.next()) {
        try (Batch batch = next) {
          for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (int column = 0; column < batch.columnCount(); column++) {
              values.add(VectorValues.get(batch.column(column), row));
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }

  private String scanLine(String explain) {
    return rows(explain, QueryOptions.DEFAULTS).stream().map(row -> (String) row.get(0))
        .filter(line -> line.trim().startsWith("TableScan")).findFirst()
        .orElseThrow(() -> new AssertionError("no TableScan in " + explain));
  }

  @Test
  void explainShowsTheColumnsAndConditionsHandedToTheFileReader() {
    String scan = scanLine("EXPLAIN SELECT name, sum(amount) FROM TABLE(read_parquet("
        + "'events.parquet')) WHERE id < 500 AND ratio > 2 GROUP BY name");
    // Five columns in the file, four read; ratio > 2 stays with Salvo (NaN order differs).
    assertTrue(scan.contains("parquet_columns=[id, name, amount, ratio]"), scan);
    assertTrue(scan.contains("parquet_filter=[id < 500]"), scan);

    String narrow = scanLine("EXPLAIN SELECT count(*) FROM files.\"events.parquet\""
        + " WHERE name = 'user7'");
    assertTrue(narrow.contains("parquet_columns=[name]"), narrow);
    assertTrue(narrow.contains("parquet_filter=[name = 'user7']"), narrow);
  }

  @Test
  void aSelectiveFilterIsEvaluatedByTheFileReader() {
    QueryProgress pushed = new QueryProgress();
    List<List<Object>> answer = rows("SELECT count(*), sum(amount) FROM TABLE(read_parquet("
        + "'events.parquet')) WHERE id >= 1000 AND id < 1100",
        QueryOptions.DEFAULTS.withProgress(pushed));
    assertEquals(List.of(100L, new java.math.BigDecimal("4950.00")), answer.get(0));
    // Only the matching rows left the reader: Arrow skipped the other row groups and rows.
    assertEquals(100, pushed.scannedRows());

    QueryProgress kept = new QueryProgress();
    rows("SELECT count(*) FROM TABLE(read_parquet('events.parquet')) WHERE ratio < 100",
        QueryOptions.DEFAULTS.withProgress(kept));
    assertEquals(ROWS, kept.scannedRows());
  }

  @Test
  void theFilesOfAPatternAreReadByDriversInParallel() {
    List<String> lines = rows("EXPLAIN ANALYZE SELECT count(*), sum(id) FROM TABLE(read_parquet("
        + "'events/*.parquet'))", QueryOptions.DEFAULTS).stream()
        .map(row -> (String) row.get(0)).toList();
    String scan = lines.stream().filter(line -> line.trim().startsWith("TableScan")).findFirst()
        .orElseThrow(() -> new AssertionError(lines.toString()));
    Matcher drivers = Pattern.compile("\\bdrivers=(\\d+)").matcher(scan);
    assertTrue(drivers.find(), scan);
    assertEquals(4, Long.parseLong(drivers.group(1)), scan);
    assertEquals(List.of(List.of(4000L, 3999L * 4000 / 2)),
        rows("SELECT count(*), sum(id) FROM TABLE(read_parquet('events/*.parquet'))",
            QueryOptions.DEFAULTS));
  }
}
