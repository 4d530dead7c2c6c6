package dev.salvo.exec.connector.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries and their scale 0.01 answers as the {@code io.trino.tpch} jar ships them
 * ({@code io/trino/tpch/queries/qN.sql} and {@code qN.result}), made runnable on any schema: table
 * names qualified, and Q15's view turned into a WITH clause.
 */
public final class TpchQueries {
  /** The TPC-H tables, smallest first. */
  public static final List<String> TABLES = List.of("region", "nation", "supplier", "customer",
      "part", "partsupp", "orders", "lineitem");
  /** The query numbers, 1 to 22. */
  public static final List<Integer> NUMBERS = IntStream.rangeClosed(1, 22).boxed().toList();

  private static final String RESOURCES = "/io/trino/tpch/queries/q";
  private static final Set<String> TABLE_NAMES = Set.copyOf(TABLES);
  /** Keywords that end a FROM clause at the current nesting level. */
  private static final Set<String> FROM_ENDS = Set.of("where", "group", "order", "having",
      "limit", "select", "union", "except", "intersect", "window", "fetch", "offset");
  private static final Pattern VIEW = Pattern.compile(
      "(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)\\s+AS\\s+(.*?);\\s*(SELECT.*?);?\\s*$");

  private TpchQueries() {}

  /** Query {@code number} as one statement, with every table name written {@code prefix + name}. */
  public static String sql(int number, String prefix) {
    String text = resource(number, ".sql");
    if (number == 15) {
      text = viewAsWith(text);
    }
    return prefix.isEmpty() ? text : qualifyTables(text, prefix);
  }

  /** The official answer of query {@code number} at scale 0.01, as the jar prints it. */
  public static String answerText(int number) {
    return resource(number, ".result");
  }

  /**
   * Q15 creates a view, then queries it: the same query with the view's definition as a WITH
   * clause, since a query text here is one statement.
   */
  public static String viewAsWith(String text) {
    Matcher view = VIEW.matcher(text);
    if (!view.find()) {
      throw new IllegalStateException("Unexpected shape of TPC-H Q15");
    }
    return text.substring(0, view.start()) + "WITH " + view.group(1) + " AS (\n"
        + view.group(2).strip() + "\n)\n" + view.group(3);
  }

  /**
   * Qualifies the table names in FROM clauses (after FROM, JOIN or a comma there), leaving
   * string literals, comments, column names and aliases that look like table names alone.
   */
  public static String qualifyTables(String sql, String prefix) {
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
        out.append(tablePosition && TABLE_NAMES.contains(lower) ? prefix + word : word);
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
    try (InputStream in = TpchQueries.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No TPC-H resource " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
