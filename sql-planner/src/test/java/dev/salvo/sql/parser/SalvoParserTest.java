package dev.salvo.sql.parser;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SalvoParserTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1",
      "select a, b as c, count(*) from s.t where a > 1 and b <> 'x' group by a, b having count(*) > 2",
      "SELECT a FROM t GROUP BY 1 ORDER BY 1 DESC NULLS LAST",
      "SELECT * FROM t ORDER BY a LIMIT 10 OFFSET 5",
      "SELECT * FROM t LIMIT 5, 10",
      "SELECT * FROM t OFFSET 5 LIMIT 10",
      "SELECT * FROM t ORDER BY a OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY",
      "SELECT * FROM t FETCH FIRST 3 ROWS ONLY",
      "SELECT a FROM t WHERE a != 3 AND b % 2 = 0",
      "VALUES (1, 'a'), (2, 'b')",
      "WITH x AS (SELECT a FROM t), y (b) AS (SELECT a FROM x) SELECT * FROM y",
      "EXPLAIN PLAN FOR SELECT a FROM t",
      "EXPLAIN PLAN WITH TYPE FOR SELECT 1",
      "SELECT a FROM t UNION ALL SELECT a FROM u EXCEPT SELECT a FROM v",
      "SELECT a FROM t INTERSECT SELECT a FROM u",
      "SELECT a FROM t MINUS SELECT a FROM u",
      "SELECT * FROM t WHERE a IN (SELECT a FROM u) AND EXISTS (SELECT 1 FROM v WHERE v.a = t.a)",
      "SELECT (SELECT max(b) FROM u) AS m, x.* FROM (SELECT * FROM t) AS x",
      "SELECT t.a, u.b FROM t JOIN u ON t.id = u.id LEFT JOIN v USING (id) CROSS JOIN w",
      "SELECT CASE WHEN a IS NULL THEN 0 ELSE a END, CAST(b AS DECIMAL(15, 2)) FROM t",
      "SELECT DATE '2024-01-01', INTERVAL '3' DAY, TIMESTAMP '2024-01-01 10:00:00'",
      "SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t",
      "SELECT DISTINCT a FROM t WHERE b LIKE 'x%' AND c BETWEEN 1 AND 2",
      "SELECT \"Mixed Case\", \"select\" FROM \"My Table\"",
      "SELECT 1;",
  })
  void parsesStandardQueries(String sql) {
    SqlNode node = SalvoParser.parseStatement(sql);
    assertTrue(node.isA(SqlKind.QUERY) || node.getKind() == SqlKind.EXPLAIN,
        () -> "unexpected kind " + node.getKind() + " for " + sql);
  }

  @Test
  void keepsTheCaseOfIdentifiers() {
    SqlSelect select = (SqlSelect) SalvoParser.parseStatement(
        "SELECT MyColumn, \"Quoted\" FROM MySchema.MyTable");
    assertEquals("MyColumn", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
    assertEquals("Quoted", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
    assertEquals(java.util.List.of("MySchema", "MyTable"),
        ((SqlIdentifier) select.getFrom()).names);
    assertFalse(SalvoParser.CONFIG.caseSensitive());
  }

  @Test
  void parsesLimitAndOffsetIntoTheOrderBy() {
    SqlOrderBy orderBy = assertInstanceOf(SqlOrderBy.class,
        SalvoParser.parseStatement("SELECT a FROM t ORDER BY a LIMIT 10 OFFSET 5"));
    assertEquals("10", orderBy.fetch.toString());
    assertEquals("5", orderBy.offset.toString());
  }

  @Test
  void parsesExplain() {
    SqlExplain explain = assertInstanceOf(SqlExplain.class,
        SalvoParser.parseStatement("EXPLAIN PLAN FOR SELECT a FROM t"));
    assertInstanceOf(SqlSelect.class, explain.getExplicandum());
  }

  @Test
  void valueIsAnOrdinaryName() {
    SqlOrderBy ordered = assertInstanceOf(SqlOrderBy.class,
        SalvoParser.parseStatement("SELECT sum(x) AS value FROM t ORDER BY value DESC"));
    assertEquals("VALUE", ordered.orderList.get(0).getKind() == SqlKind.DESCENDING
        ? "VALUE" : "not descending");
    SqlSelect select = assertInstanceOf(SqlSelect.class,
        SalvoParser.parseStatement("SELECT value FROM t"));
    assertEquals("value", select.getSelectList().get(0).toString().toLowerCase(Locale.ROOT)
        .replace("`", ""));
  }

  @Test
  void parsesExplainWithoutPlanFor() {
    SqlExplain explain = assertInstanceOf(SqlExplain.class,
        SalvoParser.parseStatement("EXPLAIN SELECT a FROM t"));
    assertInstanceOf(SqlSelect.class, explain.getExplicandum());
    SqlExplain withJson = assertInstanceOf(SqlExplain.class,
        SalvoParser.parseStatement("EXPLAIN PLAN AS JSON FOR VALUES (1)"));
    assertEquals(SqlKind.VALUES, withJson.getExplicandum().getKind());
  }

  @Test
  void parsesScriptsOfStatements() {
    SqlNodeList statements = SalvoParser.parseStatements(
        "SELECT 1;\nVALUES (2);\n\nSELECT a FROM t WHERE a <> 1;");
    assertEquals(3, statements.size());
    assertEquals(SqlKind.VALUES, statements.get(1).getKind());
    assertTrue(SalvoParser.parseStatements("").isEmpty());
    assertTrue(SalvoParser.parseStatements(" -- nothing here\n /* still nothing */ ").isEmpty());
  }

  @Test
  void rejectsMoreThanOneStatementWhereOneIsExpected() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoParser.parseStatement("SELECT 1;\n  SELECT 2"));
    assertEquals(ErrorCode.SYNTAX_ERROR, error.code());
    assertEquals(2, error.line());
    assertEquals(3, error.column());
  }

  @Test
  void rejectsEmptyText() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoParser.parseStatement("  "));
    assertEquals(ErrorCode.SYNTAX_ERROR, error.code());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // SQL (\n = new line) | line | column | text the message must contain
      "SELECT FROM t | 1 | 8 | FROM",
      // at the end of the text, the parser points at its last character
      "SELECT a FROM t WHERE | 1 | 21 | <EOF>",
      // the parser looks two tokens ahead here: the second one is the culprit
      "SELECT a,\\n       b\\n  FROM t\\n WHERE a = = 1 | 4 | 12 | Encountered \"=\" at line 4, column 12.",
      "SELECT a\\nFROM t\\nORDER a | 3 | 7 | a",
      "SELEC 1 | 1 | 1 | is a keyword misspelt",
      "SELECT 'abc | 1 | 8 | Encountered \"\\'\"",
      "SELECT a FROM t\\n WHERE b = 'open | 2 | 12 | Encountered",
      "SELECT a FROM t\\n\\tWHERE b = 1 ORDER BY | 2 | 21 | <EOF>",
      "SELECT /*+ REPARTITION(16, */ a FROM t | 1 | 28 | */",
  })
  void reportsSyntaxErrorsAtTheOffendingToken(String sql, int line, int column, String found) {
    String text = sql.replace("\\n", "\n").replace("\\t", "\t");
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoParser.parseStatement(text));
    assertEquals(ErrorCode.SYNTAX_ERROR, error.code());
    assertEquals(line, error.line(), error::getMessage);
    assertEquals(column, error.column(), error::getMessage);
    assertTrue(error.getMessage().contains(found), error::getMessage);
    assertShort(error.getMessage());
  }

  @Test
  void keepsOnlyAFewExpectedTokens() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoParser.parseStatement("SELECT a FROM t WHERE"));
    String message = error.getMessage();
    assertTrue(message.startsWith("Encountered \"<EOF>\" at line 1, column 21."), message);
    assertTrue(message.contains("Was expecting one of <IDENTIFIER>, <QUOTED_IDENTIFIER>, "),
        message);
    assertFalse(message.contains("BIG_QUERY"), message);
    assertTrue(message.matches(".* \\(and \\d+ more\\)\\.$"), message);
    assertShort(message);
  }

  @Test
  void namesTheOnlyExpectedToken() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoParser.parseStatement("SELECT a\nFROM t\nORDER a"));
    assertEquals("Encountered \"a\" at line 3, column 7. Was expecting \"BY\".",
        error.getMessage());
  }

  @Test
  void keepsTheCauseForDiagnostics() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoParser.parseStatements("SELECT a FROM"));
    assertInstanceOf(org.apache.calcite.sql.parser.SqlParseException.class, error.getCause());
  }

  @Test
  void allowsLenientOperators() {
    SqlSelect select = (SqlSelect) SalvoParser.parseStatement("SELECT a FROM t WHERE a != 1");
    assertEquals(SqlKind.NOT_EQUALS, ((SqlBasicCall) select.getWhere()).getKind());
  }

  private static void assertShort(String message) {
    assertFalse(message.contains("\n"), () -> "message spans several lines: " + message);
    assertTrue(message.length() < 300, () -> "message too long: " + message);
  }
}
