package dev.salvo.sql.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table filled by single-row INSERTs keeps few data files: each INSERT merges the small files
 * at the table's end, keeping the rows and their order, also across a restart.
 */
class InsertMergesSmallFilesTest {
  @TempDir
  Path dataDirectory;

  private SalvoEngine open() {
    // One driver reads the files in the order the table lists them.
    return new SalvoEngine(EngineConfig.defaults().withParallelism(1)
        .withDataDirectory(dataDirectory));
  }

  @Test
  void singleRowInsertsEndUpInFewFilesWithTheirRowsInOrder() throws IOException {
    try (SalvoEngine engine = open()) {
      EngineRows.update(engine, "CREATE TABLE t (id BIGINT NOT NULL, label VARCHAR)");
      for (long id = 0; id < 20; id++) {
        assertEquals(1, EngineRows.update(engine,
            "INSERT INTO t VALUES (" + id + ", 'row " + id + "')"));
      }
      // Two merges of eight single-row files, and the four rows inserted since.
      assertEquals(List.of(8L, 8L, 1L, 1L, 1L, 1L), rowsPerFile(engine));
      assertEquals(expectedRows(20), EngineRows.rows(engine, "SELECT * FROM t"));

      for (long id = 20; id < 64; id++) {
        EngineRows.update(engine, "INSERT INTO t VALUES (" + id + ", 'row " + id + "')");
      }
      // Eight files of eight rows became one.
      assertEquals(List.of(64L), rowsPerFile(engine));
      assertEquals(expectedRows(64), EngineRows.rows(engine, "SELECT * FROM t"));
    }
    try (SalvoEngine engine = open()) {
      assertEquals(expectedRows(64), EngineRows.rows(engine, "SELECT * FROM t"));
      // The merged-away files are deleted at start, as no version lists them.
      try (Stream<Path> files = Files.walk(dataDirectory.resolve("tables"))) {
        assertEquals(1, files.filter(path -> path.toString().endsWith(".arrow")).count());
      }
    }
  }

  @Test
  void aDeleteAfterMergingSeesEveryRow() {
    try (SalvoEngine engine = open()) {
      EngineRows.update(engine, "CREATE TABLE t (id BIGINT NOT NULL, label VARCHAR)");
      for (long id = 0; id < 10; id++) {
        EngineRows.update(engine, "INSERT INTO t VALUES (" + id + ", 'row " + id + "')");
      }
      assertEquals(5, EngineRows.update(engine, "DELETE FROM t WHERE id % 2 = 1"));
      assertEquals(List.of(List.of(0L), List.of(2L), List.of(4L), List.of(6L), List.of(8L)),
          EngineRows.rows(engine, "SELECT id FROM t ORDER BY id"));
    }
  }

  private static List<Long> rowsPerFile(SalvoEngine engine) {
    return engine.catalogStore().snapshot().table("main", "t").orElseThrow().files().stream()
        .map(DataFile::rowCount).toList();
  }

  private static List<List<Object>> expectedRows(long count) {
    List<List<Object>> rows = new ArrayList<>();
    LongStream.range(0, count).forEach(id -> rows.add(List.of(id, "row " + id)));
    return rows;
  }
}
