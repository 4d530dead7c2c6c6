package dev.salvo.sql.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The 22 TPC-H queries and their answers at scale factor 0.01, as shipped in the
 * {@code io.trino.tpch} jar ({@code io/trino/tpch/queries/qN.sql} and {@code qN.result}), with
 * table names qualified so that they run on the {@code tpch} catalog.
 */
final class TpchReferenceQueries {
  private static final String RESOURCES = "/io/trino/tpch/queries/q";
  private static final Set<String> TABLES = Set.of("lineitem", "orders", "customer", "part",
      "partsupp", "supplier", "nation", "region");
  /** Keywords that end a FROM clause at the current nesting level. */
  private static final Set<String> FROM_ENDS = Set.of("where", "group", "order", "having",
      "limit", "select", "union", "except", "intersect", "window", "fetch", "offset");

  private TpchReferenceQueries() {}

  /** Query {@code number}'s text with every table name written {@code tpch.<schema>.<name>}. */
  static String sql(int number, String schema) {
    String text = resource(number, ".sql");
    return qualifyTables(number == 15 ? viewAsWith(text) : text, schema);
  }

  /**
   * Q15 creates a view, then queries it: run the same query with the view's definition as a
   * WITH clause, since a query text here is one statement.
   */
  static String viewAsWith(String text) {
    java.util.regex.Matcher view = java.util.regex.Pattern.compile(
        "(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)\\s+AS\\s+(.*?);\\s*(SELECT.*?);?\\s*$")
        .matcher(text);
    if (!view.find()) {
      throw new IllegalStateException("Unexpected shape of TPC-H Q15");
    }
    return text.substring(0, view.start()) + "WITH " + view.group(1) + " AS (\n"
        + view.group(2).strip() + "\n)\n" + view.group(3);
  }

  static ReferenceAnswer answer(int number) {
    return ReferenceAnswer.parse(resource(number, ".result"));
  }

  /**
   * Qualifies the table names in FROM clauses (after FROM, JOIN or a comma there), leaving
   * string literals, comments, column names and aliases that look like table names alone.
   */
  static String qualifyTables(String sql, String schema) {
    StringBuilder out = new StringBuilder(sql.length() + 64);
    Deque<Boolean> inFrom = new ArrayDeque<>();
    inFrom.push(false);
    String previousToken = "";
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        while (end < sql.length()
            && (sql.charAt(end) != '\'' || (end + 1 < sql.length()
            && sql.charAt(end + 1) == '\'' && end++ >= 0))) {
          end++;
        }
        out.append(sql, i, Math.min(end + 1, sql.length()));
        i = end + 1;
        previousToken = "'";
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        out.append(sql, i, end);
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < sql.length()
            && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        String word = sql.substring(i, end);
        String lower = word.toLowerCase(Locale.ROOT);
        boolean tablePosition = inFrom.peek() && (previousToken.equals("from")
            || previousToken.equals("join") || previousToken.equals(","));
        out.append(tablePosition && TABLES.contains(lower)
            ? "tpch." + schema + "." + word : word);
        if (lower.equals("from") || lower.equals("join")) {
          inFrom.pop();
          inFrom.push(true);
        } else if (FROM_ENDS.contains(lower)) {
          inFrom.pop();
          inFrom.push(false);
        }
        previousToken = lower;
        i = end;
      } else {
        if (c == '(') {
          inFrom.push(false);
        } else if (c == ')' && inFrom.size() > 1) {
          inFrom.pop();
        }
        if (!Character.isWhitespace(c)) {
          previousToken = String.valueOf(c);
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String resource(int number, String suffix) {
    String name = RESOURCES + number + suffix;
    try (InputStream in = TpchReferenceQueries.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No TPC-H resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
