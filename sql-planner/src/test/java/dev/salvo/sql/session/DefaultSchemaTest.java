package dev.salvo.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.sql.SalvoSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session settings {@code catalog} and {@code schema} (and {@code USE}) decide where names
 * without a catalog or schema resolve, for queries, prepared descriptions, DDL, DML, SHOW and
 * DESCRIBE; unknown ones are refused with their own codes and change nothing.
 */
class DefaultSchemaTest {
  @TempDir
  Path dataDirectory;

  private SalvoEngine engine;

  @BeforeEach
  void setUp() {
    engine = new SalvoEngine(EngineConfig.defaults().withParallelism(1)
        .withTpchSchemas(Map.of("tiny", 0.01)).withDataDirectory(dataDirectory));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static List<List<Object>> rows(SalvoSession session, String sql) {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultStream stream = session.execute(sql)) {
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

  private static Object single(SalvoSession session, String sql) {
    List<List<Object>> rows = rows(session, sql);
    assertEquals(1, rows.size(), sql);
    return rows.get(0).get(0);
  }

  private static String show(SalvoSession session, String name) {
    return (String) rows(session, "SHOW " + name).get(0).get(1);
  }

  private static SalvoException fails(ErrorCode code, SalvoSession session, String sql) {
    SalvoException error = assertThrows(SalvoException.class, () -> rows(session, sql), sql);
    assertEquals(code, error.code(), sql + ": " + error.getMessage());
    return error;
  }

  @Test
  void newSessionsResolveInTheUserCatalogsMainSchema() {
    SalvoSession session = engine.newSession();
    assertEquals("salvo", show(session, "catalog"));
    assertEquals("main", show(session, "schema"));
    rows(session, "CREATE TABLE nation (n INTEGER)");
    rows(session, "INSERT INTO nation VALUES (1)");
    assertEquals(1L, single(session, "SELECT count(*) FROM nation"));
    assertEquals(1L, single(session, "SELECT count(*) FROM salvo.main.nation"));
  }

  @Test
  void aQualifiedSchemaSetsCatalogAndSchemaAndUnqualifiedNamesResolveThere() {
    SalvoSession session = engine.newSession();
    List<List<Object>> answer = rows(session, "SET schema = 'TPCH.Tiny'");
    // Both rows, spelled as the catalog spells them.
    assertEquals(List.of(List.of("catalog", "tpch"), List.of("schema", "tiny")),
        answer.stream().map(row -> row.subList(0, 2)).toList());
    assertEquals(25L, single(session, "SELECT count(*) FROM nation"));
    assertEquals(5L, single(session, "SELECT count(DISTINCT n_regionkey) FROM nation"
        + " JOIN region ON n_regionkey = r_regionkey"));
    // A schema-qualified name resolves in the default catalog.
    assertEquals(25L, single(session, "SELECT count(*) FROM tiny.nation"));
    // Fully qualified names work whatever the default.
    assertEquals(0L, single(session, "SELECT count(*) FROM information_schema.views"));
  }

  @Test
  void useSetsTheSchemaInTheCurrentCatalogOrACatalogAndSchema() {
    SalvoSession session = engine.newSession();
    rows(session, "USE tpch.tiny");
    assertEquals(25L, single(session, "SELECT count(*) FROM nation"));
    rows(session, "CREATE SCHEMA sales");
    rows(session, "USE salvo.sales");
    assertEquals("sales", show(session, "schema"));
    rows(session, "USE main");
    assertEquals("salvo", show(session, "catalog"));
    assertEquals("main", show(session, "schema"));
    // USE is no reserved word: it still names columns.
    assertEquals(7L, single(session, "SELECT use FROM (VALUES (7)) AS t (use)"));
  }

  @Test
  void anotherCatalogBringsItsDefaultSchemaAndResetRestoresTheDefaults() {
    SalvoSession session = engine.newSession();
    rows(session, "SET catalog = 'tpch'");
    assertEquals("", show(session, "schema"));
    assertEquals(5L, single(session, "SELECT count(*) FROM tiny.region"));
    fails(ErrorCode.TABLE_NOT_FOUND, session, "SELECT count(*) FROM region");

    rows(session, "SET schema = tiny");
    assertEquals(5L, single(session, "SELECT count(*) FROM region"));
    rows(session, "SET catalog = 'TPCH'");
    assertEquals("tiny", show(session, "schema"), "the same catalog keeps its schema");

    rows(session, "RESET schema");
    assertEquals("", show(session, "schema"), "only the user catalog has a default schema");
    rows(session, "SET schema = 'tiny'");
    rows(session, "SET catalog = 'salvo'");
    assertEquals("main", show(session, "schema"), "the user catalog's default schema");
    rows(session, "USE tpch.tiny");
    rows(session, "RESET catalog");
    assertEquals("salvo", show(session, "catalog"));
    assertEquals("main", show(session, "schema"));
    fails(ErrorCode.TABLE_NOT_FOUND, session, "SELECT count(*) FROM region");
    rows(session, "USE tpch.tiny");
    rows(session, "RESET ALL");
    assertEquals("main", show(session, "schema"));
  }

  @Test
  void unknownCatalogsAndSchemasAreRefusedAndChangeNothing() {
    SalvoSession session = engine.newSession();
    rows(session, "USE tpch.tiny");
    SalvoException catalog = fails(ErrorCode.CATALOG_NOT_FOUND, session,
        "SET catalog = 'nope'");
    assertEquals("3D000", catalog.sqlState());
    assertTrue(catalog.getMessage().contains("'nope'")
        && catalog.getMessage().contains("[salvo, tpch]"), catalog.getMessage());
    SalvoException schema = fails(ErrorCode.SCHEMA_NOT_FOUND, session, "SET schema = 'sf9'");
    assertEquals("3F000", schema.sqlState());
    assertTrue(schema.getMessage().contains("'sf9'")
        && schema.getMessage().contains("catalog tpch")
        && schema.getMessage().contains("[tiny]"), schema.getMessage());
    fails(ErrorCode.SCHEMA_NOT_FOUND, session, "USE salvo.nope");
    fails(ErrorCode.CATALOG_NOT_FOUND, session, "USE nope.tiny");
    fails(ErrorCode.INVALID_SETTING_VALUE, session, "USE a.b.c");
    fails(ErrorCode.INVALID_SETTING_VALUE, session, "SET schema = 'tpch.'");
    fails(ErrorCode.INVALID_SETTING_VALUE, session, "SET catalog = ''");
    assertEquals("tpch", show(session, "catalog"));
    assertEquals("tiny", show(session, "schema"));
    assertEquals(25L, single(session, "SELECT count(*) FROM nation"));
  }

  @Test
  void sessionPropertiesNameTheDefaultInEitherOrder() {
    Map<String, String> properties = new HashMap<>();
    properties.put("schema", "tiny");
    properties.put("catalog", "tpch");
    SalvoSession session = engine.newSession(properties);
    assertEquals(25L, single(session, "SELECT count(*) FROM nation"));
    assertEquals(25L, single(engine.newSession(Map.of("schema", "tpch.tiny")),
        "SELECT count(*) FROM nation"));
    assertEquals(ErrorCode.SCHEMA_NOT_FOUND, assertThrows(SalvoException.class,
        () -> engine.newSession(Map.of("schema", "tpch.nope"))).code());
    assertEquals(ErrorCode.CATALOG_NOT_FOUND, assertThrows(SalvoException.class,
        () -> engine.newSession(Map.of("catalog", "nope"))).code());
  }

  @Test
  void changeAppliesSeveralSettingsAtOnceOrNone() {
    SalvoSession session = engine.newSession();
    Map<String, String> changes = new HashMap<>();
    changes.put("schema", "tiny");
    changes.put("catalog", "tpch");
    changes.put("batch_size", "100");
    session.change(changes);
    assertEquals("tiny", show(session, "schema"));
    assertEquals(100, session.settings().batchSize());

    changes.put("batch_size", "7");
    changes.put("schema", "nope");
    assertEquals(ErrorCode.SCHEMA_NOT_FOUND,
        assertThrows(SalvoException.class, () -> session.change(changes)).code());
    assertEquals(100, session.settings().batchSize());

    Map<String, String> reset = new HashMap<>();
    reset.put("catalog", null);
    session.change(reset);
    assertEquals("main", show(session, "schema"));
  }

  @Test
  void theSameStatementMeansWhatEachSessionsDefaultSays() {
    SalvoSession user = engine.newSession();
    rows(user, "CREATE TABLE nation (n INTEGER)");
    rows(user, "INSERT INTO nation VALUES (1), (2)");
    SalvoSession tpch = engine.newSession(Map.of("schema", "tpch.tiny"));
    String count = "SELECT count(*) FROM nation";
    // Planned once per default: the plan cache must not hand one session's plan to the other.
    for (int round = 0; round < 2; round++) {
      assertEquals(2L, single(user, count));
      assertEquals(25L, single(tpch, count));
    }
    assertEquals(1, user.prepare("SELECT * FROM nation").resultType().size());
    assertEquals(4, tpch.prepare("SELECT * FROM nation").resultType().size());
  }

  @Test
  void ddlDmlShowAndDescribeUseTheSessionsSchema() {
    SalvoSession session = engine.newSession();
    rows(session, "CREATE SCHEMA sales");
    rows(session, "USE sales");
    rows(session, "CREATE TABLE orders (id INTEGER, amount INTEGER)");
    rows(session, "INSERT INTO orders VALUES (1, 10), (2, 20)");
    rows(session, "DELETE FROM orders WHERE id = 1");
    rows(session, "CREATE VIEW big AS SELECT id FROM orders WHERE amount > 5");
    assertEquals(2, ((Number) single(session, "SELECT * FROM salvo.sales.big")).intValue());
    assertEquals(List.of(List.of("big", "VIEW"), List.of("orders", "BASE TABLE")),
        rows(session, "SHOW TABLES"));
    assertEquals(List.of("id", "amount"),
        rows(session, "DESCRIBE orders").stream().map(row -> row.get(0)).toList());
    assertEquals(0L, single(engine.newSession(),
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"));

    rows(session, "USE tpch.tiny");
    assertEquals(8, rows(session, "SHOW TABLES").size());
    assertEquals(List.of(List.of("tiny")), rows(session, "SHOW SCHEMAS"));
    assertEquals(3, rows(session, "DESCRIBE region").size());
    assertEquals(1L, single(session, "SELECT count(*) FROM sales.orders"),
        "a user schema is found from the top when the default catalog has none of its name");
    fails(ErrorCode.NOT_SUPPORTED, session, "CREATE TABLE t (a INTEGER)");
    rows(session, "DROP VIEW salvo.sales.big");

    rows(session, "USE salvo.sales");
    rows(session, "SET schema = ''");
    assertEquals("salvo", show(session, "catalog"));
    fails(ErrorCode.VALIDATION_ERROR, session, "CREATE TABLE t (a INTEGER)");
    fails(ErrorCode.VALIDATION_ERROR, session, "SHOW TABLES");
    assertEquals(List.of(List.of("orders", "BASE TABLE")),
        rows(session, "SHOW TABLES FROM sales"));
  }

  @Test
  void aViewResolvesNamesInItsOwnSchemaWhateverTheSessionsDefault() {
    SalvoSession session = engine.newSession(Map.of("schema", "tpch.tiny"));
    // Where the view is used later, nation means main.nation: refuse rather than mislead.
    fails(ErrorCode.TABLE_NOT_FOUND, session, "CREATE VIEW main.v AS SELECT * FROM nation");
    rows(session, "CREATE VIEW main.v AS SELECT count(*) AS c FROM tpch.tiny.nation");
    assertEquals(25L, single(engine.newSession(), "SELECT c FROM v"));
    assertEquals(25L, single(session, "SELECT c FROM main.v"));
  }

  @Test
  void aDroppedDefaultSchemaFailsQueriesButNotOtherSettings() {
    SalvoSession session = engine.newSession();
    rows(session, "CREATE SCHEMA scratch");
    rows(session, "USE scratch");
    rows(session, "CREATE TABLE t (a INTEGER)");
    rows(engine.newSession(), "DROP SCHEMA scratch CASCADE");
    rows(session, "SET batch_size = 10");
    assertEquals(10, session.settings().batchSize());
    fails(ErrorCode.TABLE_NOT_FOUND, session, "SELECT * FROM t");
    fails(ErrorCode.SCHEMA_NOT_FOUND, session, "SET schema = 'scratch'");
  }
}
