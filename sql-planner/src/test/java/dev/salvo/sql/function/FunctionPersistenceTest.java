package dev.salvo.sql.function;

import dev.salvo.udf.runtime.UdfJars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.sql.EngineConfig;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions outlive the engine: kept in its catalog store, jars copied, reloaded at start. */
class FunctionPersistenceTest {
  @TempDir
  Path directory;

  private FunctionTestEngine start() {
    return new FunctionTestEngine(EngineConfig.defaults().withParallelism(2)
        .withTpchSchemas(Map.of("tiny", 0.01)).withDataDirectory(directory.resolve("data")),
        new UdfRuntime(UdfRuntimeSettings.DEFAULTS));
  }

  @Test
  void functionsSurviveARestartEvenWhenTheOriginalJarIsGone() throws Exception {
    Path jar = UdfJars.build(Files.createDirectories(directory.resolve("build")),
        TestUdfs.SOURCES);
    try (FunctionTestEngine engine = start()) {
      engine.query("CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
          + " AS 'acme.Rows#twice' USING JAR '" + jar + "' WITH (max_retries = 1)");
      engine.query("CREATE FUNCTION triple(x INT) RETURNS INT RETURN x * 3");
      engine.query("CREATE FUNCTION dropped(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
          + " AS 'acme.Rows#twice' USING JAR '" + jar + "'");
      engine.query("DROP FUNCTION dropped");
    }
    Files.delete(jar);
    try (FunctionTestEngine engine = start()) {
      assertEquals(List.of(List.of(10L, 15L)), engine.query(
          "SELECT twice(n_nationkey), CAST(triple(n_nationkey) AS BIGINT) FROM tpch.tiny.nation"
              + " WHERE n_nationkey = 5"));
      List<List<Object>> functions = engine.query(
          "SELECT name, max_retries, jar FROM system.functions ORDER BY name");
      assertEquals(List.of("triple", "twice"),
          functions.stream().map(row -> row.get(0).toString()).toList());
      assertEquals(1, ((Number) functions.get(1).get(1)).intValue());
      Path copy = Path.of(functions.get(1).get(2).toString());
      assertTrue(copy.startsWith(directory.resolve("data").resolve("udf-jars")), copy.toString());
      assertTrue(Files.exists(copy));
      assertFalse(engine.query("SHOW FUNCTIONS").toString().contains("dropped"));
    }
  }
}
