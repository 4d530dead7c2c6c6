package dev.salvo.bench;

import dev.salvo.exec.connector.tpch.TpchQueries;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The 22 TPC-H queries as shipped in the {@code io.trino.tpch} jar, rewritten into one text that
 * every engine here accepts: Q15's view becomes a WITH clause, {@code date('...')} a DATE
 * literal, {@code substr} the standard {@code substring}, and table names get an engine's prefix.
 */
public final class TpchQueryText {
  /** The TPC-H tables, smallest first. */
  public static final List<String> TABLES = TpchQueries.TABLES;
  /** The query numbers, 1 to 22. */
  public static final List<Integer> NUMBERS = TpchQueries.NUMBERS;

  private static final Pattern DATE_CALL =
      Pattern.compile("(?i)\\bdate\\s*\\(\\s*('[^']*')\\s*\\)");
  private static final Pattern SUBSTR_CALL = Pattern.compile("(?i)\\bsubstr\\s*\\(");

  private TpchQueryText() {}

  /**
   * Query {@code number} with every table name written {@code tablePrefix + name}, in the SQL
   * every compared engine understands: {@code date('...')} as a DATE literal and {@code substr}
   * as {@code substring}.
   */
  public static String sql(int number, String tablePrefix) {
    String text = TpchQueries.sql(number, tablePrefix);
    text = DATE_CALL.matcher(text).replaceAll("DATE $1");
    return SUBSTR_CALL.matcher(text).replaceAll("substring(");
  }
}
