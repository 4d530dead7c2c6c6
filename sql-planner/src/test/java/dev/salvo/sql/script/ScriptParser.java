package dev.salvo.sql.script;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads sqllogictest scripts: {@code statement ok}, {@code statement error [regex]},
 * {@code query <types> [nosort|rowsort|valuesort] [label]}, {@code halt}, {@code skipif} and
 * {@code onlyif}, {@code hash-threshold} (ignored) and {@code #} comments between records.
 *
 * <p>A record's SQL runs until a blank line or {@code ----}; expected rows run from
 * {@code ----} to the next blank line. Salvo's extension: a query without {@code ----} is
 * checked against DuckDB running the same SQL. A statement error may instead give, after
 * {@code ----}, a literal text that the error message must contain.
 */
final class ScriptParser {
  private static final String SEPARATOR = "----";
  private static final Pattern TYPE_LETTERS = Pattern.compile("[A-Z]+");

  private final String file;
  private final List<String> lines;
  private int next;

  private ScriptParser(String file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** Parses {@code lines} of the script {@code file} (used only in messages). */
  static List<ScriptRecord> parse(String file, List<String> lines) {
    return new ScriptParser(file, lines).parseAll();
  }

  private List<ScriptRecord> parseAll() {
    List<ScriptRecord> records = new ArrayList<>();
    Set<String> skipIf = new HashSet<>();
    Set<String> onlyIf = new HashSet<>();
    while (next < lines.size()) {
      String line = lines.get(next).strip();
      Location location = new Location(file, next + 1);
      next++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      switch (words[0]) {
        case "skipif", "onlyif" -> {
          if (words.length != 2) {
            throw new ScriptFormatException(location, words[0] + " needs one engine name");
          }
          (words[0].equals("skipif") ? skipIf : onlyIf).add(words[1].toLowerCase(Locale.ROOT));
          continue;
        }
        case "hash-threshold" -> {
          continue;
        }
        case "halt" -> records.add(new ScriptRecord.Halt(location, new Engines(skipIf, onlyIf)));
        case "statement" -> records.add(statement(location, line, words,
            new Engines(skipIf, onlyIf)));
        case "query" -> records.add(query(location, words, new Engines(skipIf, onlyIf)));
        default -> throw new ScriptFormatException(location, "unknown record type '" + words[0]
            + "' (expected statement, query, halt, skipif, onlyif)");
      }
      skipIf.clear();
      onlyIf.clear();
    }
    return records;
  }

  private ScriptRecord.Statement statement(Location location, String line, String[] words,
      Engines engines) {
    if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
      throw new ScriptFormatException(location, "expected 'statement ok' or 'statement error'");
    }
    boolean error = words[1].equals("error");
    if (!error && words.length > 2) {
      throw new ScriptFormatException(location, "unexpected text after 'statement ok'");
    }
    String regex = error ? line.substring(line.indexOf("error") + "error".length()).strip() : "";
    String sql = sql(location);
    Pattern pattern = null;
    if (error) {
      pattern = compile(location, regex.isEmpty() ? "" : regex);
    }
    if (atSeparator()) {
      next++;
      List<String> message = block();
      if (!error) {
        throw new ScriptFormatException(location, "'statement ok' takes no '----' section");
      }
      if (!regex.isEmpty()) {
        throw new ScriptFormatException(location,
            "give the expected error either as a regex on the header or after '----'");
      }
      pattern = Pattern.compile(Pattern.quote(String.join("\n", message).strip()));
    }
    return new ScriptRecord.Statement(location, engines, sql, pattern);
  }

  private ScriptRecord.Query query(Location location, String[] words, Engines engines) {
    if (words.length < 2 || !TYPE_LETTERS.matcher(words[1]).matches()) {
      throw new ScriptFormatException(location,
          "expected 'query <type letters> [nosort|rowsort|valuesort] [label]'");
    }
    SortMode sortMode = SortMode.NOSORT;
    String label = null;
    int position = 2;
    if (position < words.length && isSortMode(words[position])) {
      sortMode = SortMode.valueOf(words[position].toUpperCase(Locale.ROOT));
      position++;
    }
    if (position < words.length) {
      label = words[position++];
    }
    if (position < words.length) {
      throw new ScriptFormatException(location, "unexpected text after the query label");
    }
    String sql = sql(location);
    List<String> expected = null;
    if (atSeparator()) {
      next++;
      expected = block();
    }
    return new ScriptRecord.Query(location, engines, sql, words[1], sortMode, label, expected);
  }

  private static boolean isSortMode(String word) {
    return word.equals("nosort") || word.equals("rowsort") || word.equals("valuesort");
  }

  /** The SQL lines up to a blank line, {@code ----} or the end, joined. */
  private String sql(Location location) {
    List<String> sqlLines = new ArrayList<>();
    while (next < lines.size() && !lines.get(next).isBlank() && !atSeparator()) {
      sqlLines.add(lines.get(next));
      next++;
    }
    if (sqlLines.isEmpty()) {
      throw new ScriptFormatException(location, "record has no SQL");
    }
    return String.join("\n", sqlLines);
  }

  /** The lines up to a blank line or the end. */
  private List<String> block() {
    List<String> block = new ArrayList<>();
    while (next < lines.size() && !lines.get(next).isBlank()) {
      block.add(lines.get(next));
      next++;
    }
    return block;
  }

  private boolean atSeparator() {
    return next < lines.size() && lines.get(next).strip().equals(SEPARATOR);
  }

  private static Pattern compile(Location location, String regex) {
    try {
      return Pattern.compile(regex, Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new ScriptFormatException(location, "bad error regex: " + e.getMessage());
    }
  }
}
