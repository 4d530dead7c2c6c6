package dev.salvo.bench;

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

/**
 * The 22 TPC-H queries as shipped in the {@code io.trino.tpch} jar, rewritten into one text that
 * every engine here accepts: Q15's view becomes a WITH clause, {@code date('...')} a DATE
 * literal, {@code substr} the standard {@code substring}, and table names get an engine's prefix.
 */
public final class TpchQueryText {
  /** The TPC-H tables, smallest first. */
  public static final List<String> TABLES = List.of("region", "nation", "supplier", "customer",
      "part", "partsupp", "orders", "lineitem");
  /** The query numbers, 1 to 22. */
  public static final List<Integer> NUMBERS =
      java.util.stream.IntStream.rangeClosed(1, 22).boxed().toList();

  private static final Set<String> TABLE_NAMES = Set.copyOf(TABLES);
  /** Keywords that end a FROM clause at the current nesting level. */
  private static final Set<String> FROM_ENDS = Set.of("where", "group", "order", "having",
      "limit", "select", "union", "except", "intersect", "window", "fetch", "offset");
  private static final Pattern DATE_CALL =
      Pattern.compile("(?i)\\bdate\\s*\\(\\s*('[^']*')\\s*\\)");
  private static final Pattern SUBSTR_CALL = Pattern.compile("(?i)\\bsubstr\\s*\\(");
  private static final Pattern VIEW = Pattern.compile(
      "(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(\\w+)\\s+AS\\s+(.*?);\\s*(SELECT.*?);?\\s*$");

  private TpchQueryText() {}

  /** Query {@code number} with every table name written {@code tablePrefix + name}. */
  public static String sql(int number, String tablePrefix) {
    String text = resource(number);
    if (number == 15) {
      text = viewAsWith(text);
    }
    text = DATE_CALL.matcher(text).replaceAll("DATE $1");
    text = SUBSTR_CALL.matcher(text).replaceAll("substring(");
    return tablePrefix.isEmpty() ? text : qualifyTables(text, tablePrefix);
  }

  /** A query text is one statement here, so Q15's view moves into a WITH clause. */
  static String viewAsWith(String text) {
    Matcher view = VIEW.matcher(text);
    if (!view.find()) {
      throw new IllegalStateException("Unexpected shape of TPC-H Q15");
    }
    return text.substring(0, view.start()) + "WITH " + view.group(1) + " AS (\n"
        + view.group(2).strip() + "\n)\n" + view.group(3);
  }

  /**
   * Prefixes the table names that stand in FROM clauses (after FROM, JOIN or a comma there),
   * leaving literals, comments, columns and aliases alone.
   */
  static String qualifyTables(String sql, String prefix) {
    StringBuilder out = new StringBuilder(sql.length() + 128);
    Deque<Boolean> inFrom = new ArrayDeque<>();
    inFrom.push(false);
    String previousToken = "";
    int position = 0;
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (c == '\'') {
        int end = sql.indexOf('\'', position + 1);
        end = end < 0 ? sql.length() - 1 : end;
        out.append(sql, position, end + 1);
        position = end + 1;
        previousToken = "'";
      } else if (sql.startsWith("--", position)) {
        int end = sql.indexOf('\n', position);
        end = end < 0 ? sql.length() : end;
        out.append(sql, position, end);
        position = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = position;
        while (end < sql.length()
            && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        String word = sql.substring(position, end);
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
        position = end;
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
        position++;
      }
    }
    return out.toString();
  }

  private static String resource(int number) {
    String name = "/io/trino/tpch/queries/q" + number + ".sql";
    try (InputStream in = TpchQueryText.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No TPC-H query " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
