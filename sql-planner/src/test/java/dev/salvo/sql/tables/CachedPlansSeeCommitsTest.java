package dev.salvo.sql.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query whose plan is cached still sees the rows committed after it was planned. */
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
}
