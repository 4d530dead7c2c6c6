package dev.salvo.sql.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.salvo.sql.SalvoEngine;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs TPC-H queries on Salvo's {@code tpch.tiny} schema and compares the rows with the
 * official scale factor 0.01 answers shipped with the generator.
 */
@ExtendWith(ScriptFixtures.class)
class TpchReferenceAnswersTest {
  /** All 22 queries (Q15's view becomes a WITH clause). DuckDB passes them with this harness too. */
  static final List<Integer> ENABLED_QUERIES = IntStream.rangeClosed(1, 22).boxed().toList();

  /** The schema whose scale factor (0.01) the answers were computed at. */
  private static final String SCHEMA = "tiny";

  @TestFactory
  Stream<DynamicTest> salvoMatchesTheReferenceAnswers(SalvoEngine salvo) {
    return ENABLED_QUERIES.stream().map(number -> DynamicTest.dynamicTest("q" + number,
        () -> check(new SalvoScriptEngine(salvo), number)));
  }

  /** Checks the check itself: DuckDB, loaded from the same generator, gives these answers. */
  @Test
  void duckDbMatchesTheReferenceAnswers(DuckDbOracle oracle) throws Exception {
    try (DuckDbSession session = oracle.openSession()) {
      for (int number : ENABLED_QUERIES) {
        check(session, number);
      }
    }
  }

  private static void check(ScriptEngine engine, int number) {
    String sql = TpchReferenceQueries.sql(number, SCHEMA);
    QueryResult actual;
    try {
      actual = engine.query(sql);
    } catch (Exception e) {
      throw new AssertionError("TPC-H Q" + number + " failed on " + engine.name() + ": "
          + engine.describeError(e) + "\nSQL:\n" + sql, e);
    }
    String difference = TpchReferenceQueries.answer(number).difference(actual);
    if (difference != null) {
      fail("TPC-H Q" + number + " on " + engine.name() + ": " + difference + "\nSQL:\n" + sql);
    }
  }

  @Test
  void qualifiesOnlyTableNamesInFromClauses() {
    String sql = """
        -- tables: nation, lineitem
        SELECT nation, o_year FROM (
          SELECT n_name AS nation, extract(year FROM o_orderdate) AS o_year
          FROM part, supplier s JOIN nation ON s_nationkey = n_nationkey, lineitem l1
          WHERE p_name LIKE '%green, nation%'
        ) AS profit, orders
        """;
    assertEquals("""
        -- tables: nation, lineitem
        SELECT nation, o_year FROM (
          SELECT n_name AS nation, extract(year FROM o_orderdate) AS o_year
          FROM tpch.tiny.part, tpch.tiny.supplier s JOIN tpch.tiny.nation ON s_nationkey = n_nationkey, tpch.tiny.lineitem l1
          WHERE p_name LIKE '%green, nation%'
        ) AS profit, tpch.tiny.orders
        """, TpchReferenceQueries.qualifyTables(sql, SCHEMA));
    String q1 = TpchReferenceQueries.sql(1, SCHEMA);
    assertTrue(q1.contains("FROM\n  tpch.tiny.lineitem\n"), q1);
    assertTrue(q1.startsWith("-- database: presto; groups: tpch; tables: lineitem"), q1);
  }

  @Test
  void answersMatchAfterRoundingToTheirPrintedScale() {
    TpchReferenceQueries.ReferenceAnswer q1 = TpchReferenceQueries.answer(1);
    assertFalse(q1.ignoreOrder());
    assertEquals(4, q1.rows().size());
    q1.rows().forEach(row -> assertEquals(10, row.size()));
    assertTrue(TpchReferenceQueries.ReferenceAnswer.matches("25.58", 25.5775));
    assertTrue(TpchReferenceQueries.ReferenceAnswer.matches("25.58", new BigDecimal("25.5801")));
    assertFalse(TpchReferenceQueries.ReferenceAnswer.matches("25.58", new BigDecimal("25.57")));
    assertTrue(TpchReferenceQueries.ReferenceAnswer.matches("380456", new BigDecimal("380456.00")));
    assertFalse(TpchReferenceQueries.ReferenceAnswer.matches("380456", new BigDecimal("380456.5")));
    assertTrue(TpchReferenceQueries.ReferenceAnswer.matches("14876", 14876L));
    assertTrue(TpchReferenceQueries.ReferenceAnswer.matches("A", "A"));
    assertTrue(TpchReferenceQueries.ReferenceAnswer.matches("null", null));
    assertFalse(TpchReferenceQueries.ReferenceAnswer.matches("0", null));
    assertFalse(TpchReferenceQueries.ReferenceAnswer.matches("A", 1L));
    QueryResult wrong = new QueryResult(List.of("revenue"),
        List.of(List.of(new BigDecimal("1193053.2254"))));
    assertNotNull(TpchReferenceQueries.answer(6).difference(wrong));
    QueryResult right = new QueryResult(List.of("revenue"),
        List.of(List.of(new BigDecimal("1193053.2253"))));
    assertNull(TpchReferenceQueries.answer(6).difference(right));
  }
}
