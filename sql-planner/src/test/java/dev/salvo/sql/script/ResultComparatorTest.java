package dev.salvo.sql.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
  private static ScriptRecord.Query query(String types, SortMode sortMode, String... expected) {
    return new ScriptRecord.Query(new Location("t.test", 7), Engines.ALL, "SELECT ...", types,
        sortMode, null, expected.length == 0 ? null : List.of(expected));
  }

  private static QueryResult result(Object[]... rows) {
    int columns = rows.length == 0 ? 1 : rows[0].length;
    List<String> names = java.util.stream.IntStream.range(0, columns)
        .mapToObj(i -> "c" + i).toList();
    return new QueryResult(names, Arrays.stream(rows).map(Arrays::asList).toList());
  }

  private static Object[] row(Object... values) {
    return values;
  }

  @Test
  void formatsValuesAsScriptsWriteThem() {
    assertEquals("NULL", Values.format(null));
    assertEquals("1.50", Values.format(new BigDecimal("1.50")));
    assertEquals("100", Values.format(new BigDecimal("1E+2")));
    assertEquals("true", Values.format(true));
    assertEquals("(empty)", Values.format(""));
    assertEquals("1998-09-02", Values.format(LocalDate.of(1998, 9, 2)));
    assertEquals("2024-01-02 03:04:05", Values.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
    assertEquals(7L, Values.normalize(7));
    assertEquals(7L, Values.normalize(BigInteger.valueOf(7)));
    assertEquals(LocalDate.of(2020, 1, 1), Values.normalize(java.sql.Date.valueOf("2020-01-01")));
  }

  @Test
  void literalComparisonKeepsDecimalScaleButToleratesDoubles() {
    assertNull(ResultComparator.compareWithLiteral(query("IRR", SortMode.NOSORT, "1\t1.50\t0.1"),
        result(row(1L, new BigDecimal("1.50"), 0.1 + 1e-12))));
    assertNotNull(ResultComparator.compareWithLiteral(query("R", SortMode.NOSORT, "1.5"),
        result(row(new BigDecimal("1.50")))));
    assertNotNull(ResultComparator.compareWithLiteral(query("R", SortMode.NOSORT, "0.1"),
        result(row(0.1001))));
    assertNull(ResultComparator.compareWithLiteral(query("T", SortMode.NOSORT, "NULL"),
        result(row((Object) null))));
  }

  @Test
  void sortModesReorderBothSides() {
    QueryResult actual = result(row(2L, "b"), row(1L, "a"));
    assertNotNull(ResultComparator.compareWithLiteral(
        query("IT", SortMode.NOSORT, "1\ta", "2\tb"), actual));
    assertNull(ResultComparator.compareWithLiteral(
        query("IT", SortMode.ROWSORT, "1\ta", "2\tb"), actual));
    assertNull(ResultComparator.compareWithLiteral(
        query("IT", SortMode.VALUESORT, "1\t2", "a\tb"), actual));
  }

  @Test
  void acceptsOneValuePerLine() {
    assertNull(ResultComparator.compareWithLiteral(query("IT", SortMode.NOSORT, "1", "a"),
        result(row(1L, "a"))));
  }

  @Test
  void mismatchNamesTheCellAndShowsBothSides() {
    String difference = ResultComparator.compareWithLiteral(
        query("IT", SortMode.NOSORT, "1\ta", "2\tc"), result(row(1L, "a"), row(2L, "b")));
    assertTrue(difference.startsWith("row 2, column 2: expected c, got b"), difference);
    assertTrue(difference.contains("Expected:\n  1\ta\n  2\tc\n"), difference);
    assertTrue(difference.contains("Actual:\n  1\ta\n  2\tb\n"), difference);
    assertTrue(ResultComparator.compareWithLiteral(query("I", SortMode.NOSORT, "1"),
        result(row(1L), row(2L))).startsWith("expected 1 rows, got 2"));
    assertTrue(ResultComparator.compareWithLiteral(query("I", SortMode.NOSORT, "1"),
        result(row(1L, 2L))).contains("declares 1 columns"));
  }

  @Test
  void oracleComparisonIgnoresDecimalScaleAndIntegerWidth() {
    assertNull(ResultComparator.compareWithOracle(query("RI", SortMode.NOSORT),
        result(row(new BigDecimal("1.5000"), 3L)),
        result(row(new BigDecimal("1.50"), 3L))));
    assertNotNull(ResultComparator.compareWithOracle(query("R", SortMode.NOSORT),
        result(row(new BigDecimal("1.5001"))), result(row(new BigDecimal("1.50")))));
  }

  @Test
  void oracleDoubleMatchesDecimalWithinItsLastDigit() {
    // DuckDB's AVG of a DECIMAL is a DOUBLE; an engine may return a DECIMAL of scale 2 instead.
    assertTrue(Values.matchesValue(25.522005, new BigDecimal("25.52")));
    assertTrue(Values.matchesValue(25.528, new BigDecimal("25.52")));
    assertFalse(Values.matchesValue(25.5351, new BigDecimal("25.52")));
    assertTrue(Values.matchesValue(1e20, 1e20 * (1 + 1e-12)));
    assertFalse(Values.matchesValue(1.0, 1.000001));
    assertTrue(Values.matchesValue(Double.NaN, Double.NaN));
    assertFalse(Values.matchesValue(null, 0L));
    assertTrue(Values.matchesValue(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 1)));
  }

  @Test
  void oracleRowsortOrdersNumbersByValue() {
    QueryResult duckDb = result(row(10L, "x"), row(9L, "y"), row(null, "z"));
    QueryResult salvo = result(row(null, "z"), row(new BigDecimal("9.0"), "y"), row(10L, "x"));
    assertNull(ResultComparator.compareWithOracle(query("IT", SortMode.ROWSORT), duckDb, salvo));
    assertNotNull(ResultComparator.compareWithOracle(query("IT", SortMode.NOSORT), duckDb,
        salvo));
  }
}
