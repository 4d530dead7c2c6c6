package dev.salvo.sql.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Checks a query's actual rows against a script's literal expectation or against DuckDB's
 * answer, after applying the record's sort mode. Each check returns null on a match, or a
 * description of the difference showing both sides.
 */
final class ResultComparator {
  /** Rows shown in a mismatch message before the rest is elided. */
  private static final int SHOWN_ROWS = 50;

  private ResultComparator() {}

  /**
   * Compares with the record's expected lines: one row per line, values separated by tabs; for
   * results of several columns, one value per line is accepted too (classic sqllogictest).
   */
  static String compareWithLiteral(ScriptRecord.Query query, QueryResult actual) {
    String shape = checkColumnCount(query, actual.columnCount());
    if (shape != null) {
      return shape;
    }
    List<List<String>> expected = expectedRows(query.expectedLines(), query.columnCount(),
        actual.rows().size());
    List<List<Object>> actualRows = actual.rows();
    Comparator<List<String>> textOrder = lexicographic(Comparator.naturalOrder());
    Comparator<List<Object>> valueOrder =
        lexicographic(Comparator.comparing(Values::format));
    switch (query.sortMode()) {
      case ROWSORT -> {
        expected = sorted(expected, textOrder);
        actualRows = sorted(actualRows, valueOrder);
      }
      case VALUESORT -> {
        expected = sorted(flatten(expected), textOrder);
        actualRows = sorted(flatten(actualRows), valueOrder);
      }
      case NOSORT -> { }
    }
    return difference(expected, actualRows, Values::matchesText, text -> text);
  }

  /** Compares with DuckDB's answer, matching values as {@link Values#matchesValue} says. */
  static String compareWithOracle(ScriptRecord.Query query, QueryResult expected,
      QueryResult actual) {
    String shape = checkColumnCount(query, actual.columnCount());
    if (shape == null && expected.columnCount() != actual.columnCount()) {
      shape = "DuckDB returned " + expected.columnCount() + " columns, Salvo "
          + actual.columnCount();
    }
    if (shape != null) {
      return shape;
    }
    List<List<Object>> expectedRows = expected.rows();
    List<List<Object>> actualRows = actual.rows();
    Comparator<List<Object>> valueOrder = lexicographic(Values.ORDER);
    switch (query.sortMode()) {
      case ROWSORT -> {
        expectedRows = sorted(expectedRows, valueOrder);
        actualRows = sorted(actualRows, valueOrder);
      }
      case VALUESORT -> {
        expectedRows = sorted(flatten(expectedRows), valueOrder);
        actualRows = sorted(flatten(actualRows), valueOrder);
      }
      case NOSORT -> { }
    }
    return difference(expectedRows, actualRows, Values::matchesValue, Values::format);
  }

  private static String checkColumnCount(ScriptRecord.Query query, int actualColumns) {
    if (actualColumns != query.columnCount()) {
      return "the record declares " + query.columnCount() + " columns ('" + query.types()
          + "') but the result has " + actualColumns;
    }
    return null;
  }

  static List<List<String>> expectedRows(List<String> lines, int columnCount, int actualRows) {
    boolean onePerLine = columnCount > 1
        && lines.size() == (long) actualRows * columnCount
        && lines.stream().noneMatch(line -> line.contains("\t"));
    List<List<String>> rows = new ArrayList<>();
    if (onePerLine) {
      for (int start = 0; start < lines.size(); start += columnCount) {
        rows.add(List.copyOf(lines.subList(start, start + columnCount)));
      }
    } else {
      for (String line : lines) {
        rows.add(columnCount == 1 ? List.of(line) : Arrays.asList(line.split("\t", -1)));
      }
    }
    return rows;
  }

  private static <T> String difference(List<List<T>> expected, List<List<Object>> actual,
      BiPredicate<T, Object> matches, Function<T, String> expectedText) {
    String firstDifference = null;
    if (expected.size() != actual.size()) {
      firstDifference = "expected " + expected.size() + " rows, got " + actual.size();
    }
    for (int row = 0; row < Math.min(expected.size(), actual.size())
        && firstDifference == null; row++) {
      List<T> expectedRow = expected.get(row);
      List<Object> actualRow = actual.get(row);
      if (expectedRow.size() != actualRow.size()) {
        firstDifference = "row " + (row + 1) + ": expected " + expectedRow.size()
            + " values, got " + actualRow.size();
        break;
      }
      for (int column = 0; column < expectedRow.size(); column++) {
        if (!matches.test(expectedRow.get(column), actualRow.get(column))) {
          firstDifference = "row " + (row + 1) + ", column " + (column + 1) + ": expected "
              + expectedText.apply(expectedRow.get(column)) + ", got "
              + Values.format(actualRow.get(column));
          break;
        }
      }
    }
    if (firstDifference == null) {
      return null;
    }
    return firstDifference + "\nExpected:\n" + render(expected, expectedText)
        + "Actual:\n" + render(actual, Values::format);
  }

  private static <T> String render(List<List<T>> rows, Function<T, String> text) {
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < Math.min(rows.size(), SHOWN_ROWS); row++) {
      List<String> values = new ArrayList<>();
      rows.get(row).forEach(value -> values.add(text.apply(value)));
      out.append("  ").append(String.join("\t", values)).append('\n');
    }
    if (rows.size() > SHOWN_ROWS) {
      out.append("  ... ").append(rows.size() - SHOWN_ROWS).append(" more rows\n");
    }
    if (rows.isEmpty()) {
      out.append("  (no rows)\n");
    }
    return out.toString();
  }

  private static <T> List<List<T>> flatten(List<List<T>> rows) {
    List<List<T>> values = new ArrayList<>();
    rows.forEach(row -> row.forEach(value -> values.add(Arrays.asList(value))));
    return values;
  }

  private static <T> List<List<T>> sorted(List<List<T>> rows, Comparator<List<T>> order) {
    List<List<T>> copy = new ArrayList<>(rows);
    copy.sort(order);
    return copy;
  }

  private static <T> Comparator<List<T>> lexicographic(Comparator<? super T> valueOrder) {
    return (left, right) -> {
      for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
        int order = valueOrder.compare(left.get(i), right.get(i));
        if (order != 0) {
          return order;
        }
      }
      return Integer.compare(left.size(), right.size());
    };
  }
}
