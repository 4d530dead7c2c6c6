package dev.salvo.sql.parser;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.parser.impl.ParseException;
import dev.salvo.sql.parser.impl.SalvoSqlParserImplConstants;
import dev.salvo.sql.parser.impl.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns a generated-parser error, whose list of expected tokens can run to hundreds of lines, into
 * a {@link ErrorCode#SYNTAX_ERROR} with one readable line: what was found where, and a handful of
 * what would have fitted.
 */
final class SyntaxErrors {
  static final int MAX_EXPECTED_TOKENS = 5;

  /** Token classes worth naming first, most telling first. */
  private static final List<String> PREFERRED_TOKENS = List.of("<EOF>", "<IDENTIFIER>",
      "<QUOTED_IDENTIFIER>", "<UNSIGNED_INTEGER_LITERAL>", "<QUOTED_STRING>");

  /** Token classes of other SQL dialects' lexers: they never match under Salvo's settings. */
  private static final List<String> OTHER_DIALECT_MARKERS = List.of("BIG_QUERY", "BACK_QUOTED",
      "BRACKET_QUOTED", "DOLLAR", "C_STYLE_ESCAPED");

  private SyntaxErrors() {}

  static SalvoException from(SqlParseException e) {
    String firstLine = firstLine(e.getMessage());
    if (firstLine.startsWith("Non-query expression encountered in illegal context")) {
      // What a misspelt keyword (SELEC 1) looks like to the parser: a bare expression.
      firstLine = "Expected a statement such as SELECT, VALUES, WITH or EXPLAIN, but the text"
          + " starts with an expression; is a keyword misspelt?";
    }
    SqlParserPos pos = e.getPos();
    int line = pos == null ? 0 : pos.getLineNum();
    int column = pos == null ? 0 : pos.getColumnNum();
    Token offending = offendingToken(e);
    if (offending != null
        && (offending.beginLine != line || offending.beginColumn != column)) {
      // The parser looked several tokens ahead and reports the first of them; the user needs the
      // one that did not fit.
      line = offending.beginLine;
      column = offending.beginColumn;
      String image = offending.kind == SalvoSqlParserImplConstants.EOF ? "<EOF>" : offending.image;
      firstLine = "Encountered \"" + image + "\" at line " + line + ", column " + column + ".";
    }
    String message = firstLine + expectedTokens(e.getExpectedTokenNames());
    return new SalvoException(ErrorCode.SYNTAX_ERROR, message, line, column, e);
  }

  /** The last token the parser read before giving up, or null when the error carries none. */
  private static Token offendingToken(SqlParseException e) {
    if (!(e.getCause() instanceof ParseException parseError)
        || parseError.currentToken == null || parseError.expectedTokenSequences == null) {
      return null;
    }
    int lookahead = 0;
    for (int[] sequence : parseError.expectedTokenSequences) {
      lookahead = Math.max(lookahead, sequence.length);
    }
    Token token = parseError.currentToken.next;
    for (int i = 1; i < lookahead && token != null && token.next != null; i++) {
      token = token.next;
    }
    return token;
  }

  private static String expectedTokens(Collection<String> expected) {
    List<String> ordered = order(expected);
    if (ordered.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    text.append(ordered.size() == 1 ? " Was expecting " : " Was expecting one of ");
    text.append(String.join(", ",
        ordered.subList(0, Math.min(MAX_EXPECTED_TOKENS, ordered.size()))));
    if (ordered.size() > MAX_EXPECTED_TOKENS) {
      text.append(" (and ").append(ordered.size() - MAX_EXPECTED_TOKENS).append(" more)");
    }
    return text.append('.').toString();
  }

  private static List<String> order(Collection<String> expected) {
    List<String> ordered = new ArrayList<>();
    for (String preferred : PREFERRED_TOKENS) {
      if (expected.contains(preferred)) {
        ordered.add(preferred);
      }
    }
    for (String token : expected) {
      if (!ordered.contains(token)
          && OTHER_DIALECT_MARKERS.stream().noneMatch(token::contains)) {
        ordered.add(token);
      }
    }
    return ordered;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "Syntax error.";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
  }
}
