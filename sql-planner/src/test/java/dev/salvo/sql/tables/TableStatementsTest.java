package dev.salvo.sql.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import java.math.BigDecimal;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.util.ImmutableBitSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables end to end on an engine with a data directory: DDL, DML, restart, errors. */
class TableStatementsTest {
  @TempDir
  Path dataDirectory;

  private SalvoEngine open() {
    return new SalvoEngine(EngineConfig.defaults().withParallelism(2)
        .withDataDirectory(dataDirectory));
  }

  @Test
  void createInsertSelectKeepsExactTypesAcrossRestart() {
    try (SalvoEngine engine = open()) {
      assertEquals(0, EngineRows.update(engine,
          "CREATE TABLE prices (id INTEGER NOT NULL, price DECIMAL(10, 2), sold_on DATE,"
              + " note VARCHAR)"));
      assertEquals(2, EngineRows.update(engine, "INSERT INTO prices VALUES"
          + " (1, 9.99, DATE '2024-01-31', 'a'), (2, 100, DATE '2024-02-29', NULL)"));
      assertEquals(1, EngineRows.update(engine,
          "INSERT INTO prices (id, price) VALUES (3, 0.5)"));
    }
    try (SalvoEngine engine = open()) {
      assertEquals(List.of(
              List.of(1L, new BigDecimal("9.99"), LocalDate.of(2024, 1, 31), "a"),
              Stream.of(2L, new BigDecimal("100.00"), LocalDate.of(2024, 2, 29), null).toList(),
              Stream.of(3L, new BigDecimal("0.50"), null, null).toList()),
          normalize(EngineRows.rows(engine, "SELECT * FROM prices ORDER BY id")));
      assertEquals(List.of(List.of("id", "INTEGER", "NO"), List.of("price", "DECIMAL(10, 2)",
              "YES"), List.of("sold_on", "DATE", "YES"), List.of("note", "VARCHAR", "YES")),
          EngineRows.rows(engine, "DESCRIBE prices"));
    }
  }

  @Test
  void createTableAsThenDeleteThenDrop() throws Exception {
    try (SalvoEngine engine = open()) {
      assertEquals(25, EngineRows.update(engine,
          "CREATE TABLE nations AS SELECT n_nationkey, n_name, n_regionkey"
              + " FROM tpch.tiny.nation"));
      assertEquals(5, EngineRows.update(engine, "DELETE FROM nations WHERE n_regionkey = 1"));
      assertEquals(List.of(List.of(20L)), EngineRows.rows(engine,
          "SELECT COUNT(*) FROM nations"));
      assertEquals(20, EngineRows.update(engine, "DELETE FROM nations"));
      assertEquals(List.of(List.of(0L)), EngineRows.rows(engine,
          "SELECT COUNT(*) FROM nations"));
      EngineRows.update(engine, "DROP TABLE nations");
      SalvoException missing = assertThrows(SalvoException.class,
          () -> EngineRows.rows(engine, "SELECT * FROM nations"));
      assertEquals(ErrorCode.TABLE_NOT_FOUND, missing.code());
    }
    try (Stream<Path> files = Files.walk(dataDirectory.resolve("tables"))) {
      assertTrue(files.noneMatch(path -> path.toString().endsWith(".arrow")));
    }
  }

  @Test
  void distinctIntegerColumnsOfStoredTablesAreKeysToThePlanner() {
    try (SalvoEngine engine = open()) {
      EngineRows.update(engine, "CREATE TABLE orders AS SELECT o_orderkey, o_custkey,"
          + " o_totalprice FROM tpch.tiny.orders");
      assertEquals(List.of(ImmutableBitSet.of(0)), keys(engine, "orders"));
      EngineRows.update(engine, "INSERT INTO orders VALUES (600000, 1, 2.5)");
      assertEquals(List.of(ImmutableBitSet.of(0)), keys(engine, "orders"));
      EngineRows.update(engine, "INSERT INTO orders VALUES (1, 1, 2.5)");
      assertEquals(List.of(), keys(engine, "orders"));
    }
  }

  private static List<ImmutableBitSet> keys(SalvoEngine engine, String table) {
    CalciteSchema schema = engine.catalog().rootSchema().getSubSchema("salvo", false)
        .getSubSchema("main", false);
    List<ImmutableBitSet> keys = schema.getTable(table, false).getTable().getStatistic()
        .getKeys();
    return keys == null ? List.of() : keys;
  }

  @Test
  void errorsNameWhatIsWrong() {
    try (SalvoEngine engine = open()) {
      EngineRows.update(engine, "CREATE TABLE t (a INTEGER NOT NULL, b VARCHAR)");
      SalvoException exists = assertThrows(SalvoException.class,
          () -> EngineRows.update(engine, "CREATE TABLE t (x INTEGER)"));
      assertEquals(ErrorCode.TABLE_ALREADY_EXISTS, exists.code());
      assertEquals(1, exists.line());
      assertEquals(14, exists.column());
      SalvoException count = assertThrows(SalvoException.class,
          () -> EngineRows.update(engine, "INSERT INTO t VALUES (1)"));
      assertTrue(count.hasPosition(), count.getMessage());
      SalvoException nulls = assertThrows(SalvoException.class,
          () -> EngineRows.update(engine, "INSERT INTO t VALUES (CAST(NULL AS INTEGER), 'x')"));
      assertEquals(ErrorCode.NOT_NULL_VIOLATION, nulls.code(), nulls.getMessage());
      assertTrue(nulls.getMessage().contains("Column a"), nulls.getMessage());
      assertEquals(List.of(List.of(0L)), EngineRows.rows(engine, "SELECT COUNT(*) FROM t"));
      EngineRows.update(engine, "CREATE SCHEMA s");
      EngineRows.update(engine, "CREATE TABLE s.u AS SELECT 1 AS x");
      SalvoException notEmpty = assertThrows(SalvoException.class,
          () -> EngineRows.update(engine, "DROP SCHEMA s"));
      assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, notEmpty.code());
      EngineRows.update(engine, "DROP SCHEMA s CASCADE");
      SalvoException view = assertThrows(SalvoException.class,
          () -> EngineRows.update(engine, "DROP VIEW t"));
      assertEquals(ErrorCode.WRONG_OBJECT_TYPE, view.code());
    }
  }

  @Test
  void viewsExpandAndSurviveRestart() {
    try (SalvoEngine engine = open()) {
      EngineRows.update(engine, "CREATE TABLE t (a INTEGER, b VARCHAR)");
      EngineRows.update(engine, "INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z')");
      EngineRows.update(engine, "CREATE VIEW big (n, label) AS SELECT a * 10, b FROM t"
          + " WHERE a >= 2");
    }
    try (SalvoEngine engine = open()) {
      assertEquals(List.of(List.of(20L, "y"), List.of(30L, "z")),
          normalize(EngineRows.rows(engine, "SELECT n, label FROM big ORDER BY n")));
      assertEquals(List.of(List.of("big", "VIEW"), List.of("t", "BASE TABLE")),
          EngineRows.rows(engine, "SHOW TABLES"));
      EngineRows.update(engine, "DROP VIEW big");
      assertEquals(List.of(List.of("t", "BASE TABLE")), EngineRows.rows(engine, "SHOW TABLES"));
    }
  }

  /** Integers of every width as Long, so expectations need not spell widths. */
  private static List<List<Object>> normalize(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(value -> value instanceof Integer i
        ? (Object) i.longValue() : value).toList()).toList();
  }
}
