package dev.salvo.sql.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
  private static List<ScriptRecord> parse(String script) {
    return ScriptParser.parse("test.test", script.lines().toList());
  }

  @Test
  void parsesStatementsQueriesAndComments() {
    List<ScriptRecord> records = parse("""
        # a header comment

        statement ok
        CREATE TABLE t (a INT)

        statement error ^SYNTAX_ERROR: .*
        SELEC 1

        query IT rowsort
        SELECT a,
          b FROM t
        ----
        1\tx
        2\t(empty)

        query R
        SELECT 1.5
        """);
    assertEquals(4, records.size());

    ScriptRecord.Statement create = assertInstanceOf(ScriptRecord.Statement.class, records.get(0));
    assertEquals(new Location("test.test", 3), create.location());
    assertEquals("CREATE TABLE t (a INT)", create.sql());
    assertFalse(create.expectsError());

    ScriptRecord.Statement error = assertInstanceOf(ScriptRecord.Statement.class, records.get(1));
    assertTrue(error.errorPattern().matcher("SYNTAX_ERROR: Encountered \"SELEC\"").find());
    assertFalse(error.errorPattern().matcher("TABLE_NOT_FOUND: t").find());

    ScriptRecord.Query query = assertInstanceOf(ScriptRecord.Query.class, records.get(2));
    assertEquals(9, query.location().line());
    assertEquals("SELECT a,\n  b FROM t", query.sql());
    assertEquals(2, query.columnCount());
    assertEquals(SortMode.ROWSORT, query.sortMode());
    assertEquals(List.of("1\tx", "2\t(empty)"), query.expectedLines());
    assertFalse(query.usesOracle());

    ScriptRecord.Query oracle = assertInstanceOf(ScriptRecord.Query.class, records.get(3));
    assertTrue(oracle.usesOracle());
    assertNull(oracle.expectedLines());
    assertEquals(SortMode.NOSORT, oracle.sortMode());
  }

  @Test
  void separatorFollowedByNothingExpectsNoRows() {
    ScriptRecord.Query query = (ScriptRecord.Query) parse("""
        query I nosort my_label
        SELECT 1 WHERE false
        ----

        """).get(0);
    assertEquals(List.of(), query.expectedLines());
    assertEquals("my_label", query.label());
  }

  @Test
  void conditionsApplyToTheNextRecordOnly() {
    List<ScriptRecord> records = parse("""
        skipif duckdb
        statement ok
        CREATE FUNCTION f() RETURNS INT LANGUAGE JAVA AS 'x'

        onlyif salvo
        halt

        query I
        SELECT 1
        ----
        1
        """);
    assertFalse(records.get(0).engines().runsOn(Engines.DUCKDB));
    assertTrue(records.get(0).engines().runsOn(Engines.SALVO));
    assertInstanceOf(ScriptRecord.Halt.class, records.get(1));
    assertFalse(records.get(1).engines().runsOn(Engines.DUCKDB));
    assertTrue(records.get(1).engines().runsOn(Engines.SALVO));
    assertTrue(records.get(2).engines().runsOn(Engines.DUCKDB));
  }

  @Test
  void statementErrorMayGiveALiteralMessageAfterTheSeparator() {
    ScriptRecord.Statement statement = (ScriptRecord.Statement) parse("""
        statement error
        SELECT 1/0
        ----
        Division by zero (x+1)
        """).get(0);
    assertTrue(statement.errorPattern().matcher("DIVISION_BY_ZERO: Division by zero (x+1)")
        .find());
    assertFalse(statement.errorPattern().matcher("Division by zero x+1").find());
  }

  @Test
  void emptyErrorPatternAcceptsAnyError() {
    ScriptRecord.Statement statement =
        (ScriptRecord.Statement) parse("statement error\nSELECT x\n").get(0);
    assertTrue(statement.expectsError());
    assertTrue(statement.errorPattern().matcher("anything").find());
  }

  @Test
  void malformedRecordsNameFileAndLine() {
    ScriptFormatException unknown = assertThrows(ScriptFormatException.class,
        () -> parse("\n\nquerry I\nSELECT 1\n"));
    assertTrue(unknown.getMessage().startsWith("test.test:3: unknown record type 'querry'"),
        unknown.getMessage());
    ScriptFormatException noSql = assertThrows(ScriptFormatException.class,
        () -> parse("statement ok\n\nSELECT 1\n"));
    assertTrue(noSql.getMessage().startsWith("test.test:1: record has no SQL"));
    assertThrows(ScriptFormatException.class, () -> parse("query 1\nSELECT 1\n"));
    assertThrows(ScriptFormatException.class, () -> parse("query I rowsort a b\nSELECT 1\n"));
    assertThrows(ScriptFormatException.class, () -> parse("statement maybe\nSELECT 1\n"));
    assertThrows(ScriptFormatException.class, () -> parse("statement error (\nSELECT 1\n"));
    assertThrows(ScriptFormatException.class,
        () -> parse("statement ok\nSELECT 1\n----\nfoo\n"));
  }
}
