package dev.salvo.sql.script;

import dev.salvo.exec.connector.tpch.TpchQueries;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The 22 TPC-H queries and their answers at scale factor 0.01, as shipped in the
 * {@code io.trino.tpch} jar ({@code io/trino/tpch/queries/qN.sql} and {@code qN.result}), with
 * table names qualified so that they run on the {@code tpch} catalog.
 */
final class TpchReferenceQueries {
  private TpchReferenceQueries() {}

  /** Query {@code number}'s text with every table name written {@code tpch.<schema>.<name>}. */
  static String sql(int number, String schema) {
    return TpchQueries.sql(number, "tpch." + schema + ".");
  }

  /** {@link TpchQueries#qualifyTables} onto the {@code tpch} catalog's {@code schema}. */
  static String qualifyTables(String sql, String schema) {
    return TpchQueries.qualifyTables(sql, "tpch." + schema + ".");
  }

  static ReferenceAnswer answer(int number) {
    return ReferenceAnswer.parse(TpchQueries.answerText(number));
  }

  /**
   * A {@code qN.result} file: a header ({@code -- delimiter: |; ignoreOrder: false; ...}) and
   * {@code |}-separated rows, numbers rounded as the TPC-H specification prints them.
   */
  record ReferenceAnswer(boolean ignoreOrder, List<List<String>> rows) {
    static ReferenceAnswer parse(String text) {
      List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
      boolean ignoreOrder = lines.get(0).replace(" ", "").contains("ignoreOrder:true");
      List<List<String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String row = line.endsWith("|") ? line.substring(0, line.length() - 1) : line;
        rows.add(Arrays.asList(row.split("\\|", -1)));
      }
      return new ReferenceAnswer(ignoreOrder, rows);
    }

    /** Null when {@code actual} matches, else a description of the first difference. */
    String difference(QueryResult actual) {
      List<List<String>> expected = rows;
      List<List<Object>> actualRows = actual.rows();
      if (ignoreOrder) {
        expected = expected.stream().sorted(Comparator.comparing(List::toString))
            .toList();
        actualRows = actualRows.stream()
            .sorted(Comparator.comparing(row -> row.stream().map(Values::format)
                .toList().toString()))
            .toList();
      }
      if (expected.size() != actualRows.size()) {
        return "expected " + expected.size() + " rows, got " + actualRows.size();
      }
      for (int row = 0; row < expected.size(); row++) {
        if (expected.get(row).size() != actualRows.get(row).size()) {
          return "row " + (row + 1) + ": expected " + expected.get(row).size() + " values, got "
              + actualRows.get(row).size();
        }
        for (int column = 0; column < expected.get(row).size(); column++) {
          String expectedText = expected.get(row).get(column);
          Object value = actualRows.get(row).get(column);
          if (!matches(expectedText, value)) {
            return "row " + (row + 1) + ", column " + (column + 1) + " ("
                + actual.columnNames().get(column) + "): expected " + expectedText + ", got "
                + Values.format(value);
          }
        }
      }
      return null;
    }

    /**
     * Numbers match after rounding the actual value to the answer's printed scale; the answers
     * spell NULL {@code null} (Q17 at this scale factor).
     */
    static boolean matches(String expected, Object actual) {
      if (actual == null) {
        return expected.strip().equalsIgnoreCase("null");
      }
      if (actual instanceof Number number) {
        BigDecimal expectedNumber;
        try {
          expectedNumber = new BigDecimal(expected.strip());
        } catch (NumberFormatException e) {
          return false;
        }
        BigDecimal actualNumber = number instanceof BigDecimal decimal ? decimal
            : number instanceof Double || number instanceof Float
                ? BigDecimal.valueOf(number.doubleValue()) : BigDecimal.valueOf(number.longValue());
        int scale = Math.max(expectedNumber.scale(), 0);
        if (number instanceof BigDecimal decimal && decimal.scale() < scale) {
          // An exact DECIMAL result carries the scale its SQL type gives it (Q14's division has
          // 6 decimals); the answers were printed by an engine that computed in binary floating
          // point with more digits. Compare at the coarser scale, never finer than Salvo's type.
          scale = Math.max(decimal.scale(), 0);
          expectedNumber = expectedNumber.setScale(scale, RoundingMode.HALF_UP);
        }
        return actualNumber.setScale(scale, RoundingMode.HALF_UP).compareTo(expectedNumber) == 0;
      }
      return Values.format(actual).equals(expected);
    }
  }
}
