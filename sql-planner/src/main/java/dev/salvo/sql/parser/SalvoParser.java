package dev.salvo.sql.parser;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.parser.impl.SalvoSqlParserImpl;
import dev.salvo.sql.parser.impl.SalvoSqlParserImplConstants;
import dev.salvo.sql.parser.impl.TokenMgrError;
import java.io.StringReader;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The one way Salvo turns SQL text into Calcite parse trees: the parser generated from Calcite's
 * template plus Salvo's grammar, configured once, with syntax errors reported as
 * {@link ErrorCode#SYNTAX_ERROR} at the offending token.
 *
 * <p>Parsing does not check hint arguments; call
 * {@link dev.salvo.sql.hint.SalvoHints#validateHints(SqlNode)} on the result before planning.
 * Thread-safe: every call creates its own parser.
 */
public final class SalvoParser {

  /**
   * How Salvo parses: double-quoted identifiers, unquoted and quoted identifiers keep the case
   * they are written in and are matched case-insensitively.
   *
   * <p>The conformance is {@link SqlConformanceEnum#LENIENT}: it accepts what users of other
   * engines type every day ({@code GROUP BY 1}, {@code GROUP BY} and {@code HAVING} on select
   * aliases, {@code !=}, {@code %}, {@code LIMIT n OFFSET m}, {@code LIMIT m, n},
   * {@code OFFSET m LIMIT n}, {@code MINUS}). {@link SqlConformanceEnum#BABEL} accepts all of that
   * too but adds what makes answers or name resolution surprising: select aliases visible in
   * {@code WHERE}, non-grouped columns in an aggregate query (MySQL's arbitrary-row rule) and
   * lenient coercions such as boolean to integer, so Salvo does not use it.
   */
  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(SalvoSqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(SqlConformanceEnum.LENIENT);

  private SalvoParser() {}

  /**
   * Parses exactly one statement; a trailing semicolon is allowed.
   *
   * @throws SalvoException {@link ErrorCode#SYNTAX_ERROR} with the line and column of the
   *     offending token, also for empty text or for more than one statement
   */
  public static SqlNode parseStatement(String sql) {
    SqlNodeList statements = parseStatements(sql);
    if (statements.isEmpty()) {
      throw new SalvoException(ErrorCode.SYNTAX_ERROR,
          "Expected a SQL statement, but the text is empty", 1, 1, null);
    }
    if (statements.size() > 1) {
      SqlParserPos second = statements.get(1).getParserPosition();
      throw new SalvoException(ErrorCode.SYNTAX_ERROR,
          "Expected one SQL statement, found " + statements.size()
              + "; send them one at a time", second.getLineNum(), second.getColumnNum(), null);
    }
    return statements.get(0);
  }

  /**
   * Parses a script of statements separated by semicolons; empty text gives an empty list.
   *
   * @throws SalvoException {@link ErrorCode#SYNTAX_ERROR} with the line and column of the
   *     offending token
   */
  public static SqlNodeList parseStatements(String sql) {
    try {
      return SqlParser.create(sql, CONFIG).parseStmtList();
    } catch (SqlParseException e) {
      // Calcite cannot give a position to an empty statement list and fails on it instead.
      if (holdsNoTokens(sql)) {
        return new SqlNodeList(SqlParserPos.ZERO);
      }
      throw SyntaxErrors.from(e);
    }
  }

  /** Whether the text holds nothing but white space and comments. */
  private static boolean holdsNoTokens(String sql) {
    SalvoSqlParserImpl lexer = new SalvoSqlParserImpl(new StringReader(sql));
    lexer.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(CONFIG));
    try {
      return lexer.getNextToken().kind == SalvoSqlParserImplConstants.EOF;
    } catch (TokenMgrError e) {
      return false;
    }
  }
}
