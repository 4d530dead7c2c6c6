package dev.salvo.sql.script;

import java.util.List;
import java.util.regex.Pattern;

/** One record of a sqllogictest script: a statement, a query, or {@code halt}. */
sealed interface ScriptRecord {
  Location location();

  Engines engines();

  /**
   * {@code statement ok} (no error pattern) or {@code statement error <regex>}; the pattern is
   * matched ({@code find}) against {@code "CODE: message"} of Salvo's error.
   */
  record Statement(Location location, Engines engines, String sql, Pattern errorPattern)
      implements ScriptRecord {
    boolean expectsError() {
      return errorPattern != null;
    }
  }

  /**
   * {@code query <type letters> [sort mode] [label]}: expected rows given after {@code ----}
   * (each a line of tab-separated values), or none, meaning DuckDB's answer to the same SQL.
   */
  record Query(Location location, Engines engines, String sql, String types, SortMode sortMode,
      String label, List<String> expectedLines) implements ScriptRecord {
    public Query {
      expectedLines = expectedLines == null ? null : List.copyOf(expectedLines);
    }

    /** True when the expected answer comes from the DuckDB oracle. */
    boolean usesOracle() {
      return expectedLines == null;
    }

    int columnCount() {
      return types.length();
    }
  }

  /** {@code halt}: ignore the rest of the script (on the engines it applies to). */
  record Halt(Location location, Engines engines) implements ScriptRecord {}
}
