package dev.salvo.sql.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query whose plan is cached still sees the rows committed after it was planned, and queries
 * over files (which change without a commit) are planned afresh each time.
 */
class CachedPlansSeeCommitsTest {
  @TempDir
  Path dataDirectory;

  @Test
  void aCommitMakesPlansOfTheOldCatalogUnreachable() {
    try (SalvoEngine engine = new SalvoEngine(EngineConfig.defaults().withParallelism(1)
        .withTpchSchemas(Map.of()).withDataDirectory(dataDirectory))) {
      EngineRows.update(engine, "CREATE TABLE t (a INTEGER NOT NULL)");
      EngineRows.update(engine, "INSERT INTO t VALUES (1)");
      String count = "SELECT count(*) FROM t";
      assertEquals(List.of(List.of(1L)), EngineRows.rows(engine, count));
      long hitsBefore = engine.planCache().hits();
      assertEquals(List.of(List.of(1L)), EngineRows.rows(engine, count));
      assertEquals(hitsBefore + 1, engine.planCache().hits());
      EngineRows.update(engine, "INSERT INTO t VALUES (2)");
      assertEquals(List.of(List.of(2L)), EngineRows.rows(engine, count));
      EngineRows.update(engine, "DROP TABLE t");
      EngineRows.update(engine, "CREATE TABLE t (a INTEGER NOT NULL)");
      assertEquals(List.of(List.of(0L)), EngineRows.rows(engine, count));
    }
  }

  @Test
  void queriesOverFilesAreNeverServedFromTheCache() throws Exception {
    try (SalvoEngine engine = new SalvoEngine(EngineConfig.defaults().withParallelism(1)
        .withTpchSchemas(Map.of()).withDataDirectory(dataDirectory))) {
      Path file = dataDirectory.resolve("fruit.csv");
      Files.writeString(file, "name,quantity\napple,1\n");
      String all = "SELECT * FROM TABLE(read_csv('fruit.csv'))";
      assertEquals(List.of(List.of("apple", 1L)), EngineRows.rows(engine, all));
      Files.writeString(file, "name,quantity,colour\napple,1,red\npear,2,green\n");
      assertEquals(List.of(List.of("apple", 1L, "red"), List.of("pear", 2L, "green")),
          EngineRows.rows(engine, all));
      assertEquals(0, engine.planCache().size());
    }
  }
}
