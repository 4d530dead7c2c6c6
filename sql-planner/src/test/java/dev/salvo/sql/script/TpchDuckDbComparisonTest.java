package dev.salvo.sql.script;

import static org.junit.jupiter.api.Assertions.fail;

import dev.salvo.sql.SalvoEngine;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the 22 TPC-H queries on a larger schema than the reference answers cover and compares
 * Salvo's rows with DuckDB's, both loaded from the same generator.
 *
 * <p>The schema comes from {@code -Dsalvo.tpch.compare.schema}; the default {@code tiny} keeps
 * CI fast, {@code sf0_1} is the documented larger run (see the README).
 */
@ExtendWith(ScriptFixtures.class)
class TpchDuckDbComparisonTest {
  private static final Logger log = LoggerFactory.getLogger(TpchDuckDbComparisonTest.class);
  static final String SCHEMA_PROPERTY = "salvo.tpch.compare.schema";

  @TestFactory
  Stream<DynamicTest> salvoMatchesDuckDb(SalvoEngine salvo, DuckDbOracle oracle) {
    String schema = System.getProperty(SCHEMA_PROPERTY, "tiny");
    return TpchReferenceAnswersTest.ENABLED_QUERIES.stream().map(number -> DynamicTest.dynamicTest(
        schema + " q" + number, () -> compare(salvo, oracle, schema, number)));
  }

  private static void compare(SalvoEngine salvo, DuckDbOracle oracle, String schema,
      int number) throws Exception {
    String sql = TpchReferenceQueries.sql(number, schema);
    QueryResult expected;
    try (DuckDbSession session = oracle.openSession()) {
      long start = System.nanoTime();
      expected = session.query(sql);
      log.info("TPC-H Q{} at {} on DuckDB: {} ms", number, schema,
          (System.nanoTime() - start) / 1_000_000);
    }
    SalvoScriptEngine engine = new SalvoScriptEngine(salvo);
    QueryResult actual;
    long start = System.nanoTime();
    try {
      actual = engine.query(sql);
    } catch (RuntimeException e) {
      throw new AssertionError("TPC-H Q" + number + " failed on Salvo: "
          + engine.describeError(e) + "\nSQL:\n" + sql, e);
    }
    log.info("TPC-H Q{} at {} on Salvo: {} ms", number, schema,
        (System.nanoTime() - start) / 1_000_000);
    // Every query orders its rows on keys that leave no ties, so the order is compared too.
    ScriptRecord.Query record = new ScriptRecord.Query(new Location("tpch-q" + number, 1),
        Engines.ALL, sql, "T".repeat(expected.columnCount()), SortMode.NOSORT, null, null);
    String difference = ResultComparator.compareWithOracle(record, expected, actual);
    if (difference != null) {
      fail("TPC-H Q" + number + " at " + schema + ": " + difference + "\nSQL:\n" + sql);
    }
  }
}
