package dev.salvo.sql.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.ExecutableQuery;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.SalvoEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors a row's values raise while a statement runs (a division by zero, a string that is no
 * number) name the line and column where the failing operation is written, when it is written
 * in one place only.
 */
class DataErrorPositionTest {
  @TempDir
  static Path dataDirectory;
  private static SalvoEngine engine;

  @BeforeAll
  static void start() {
    engine = new SalvoEngine(EngineConfig.defaults().withParallelism(2)
        .withDataDirectory(dataDirectory));
    EngineRows.update(engine, "CREATE TABLE t (id BIGINT, code VARCHAR, amount INT)");
    EngineRows.update(engine, "INSERT INTO t VALUES (1, '7', 10), (2, 'x7', 0), (3, '9', 5)");
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void aDivisionByZeroPointsAtItsDivision() {
    SalvoException error = fails(ErrorCode.DIVISION_BY_ZERO,
        "SELECT id,\n       100 / amount AS share\nFROM t");
    assertPosition(2, 8, error);
    assertTrue(error.getMessage().contains("100 / 0"), error.getMessage());
  }

  @Test
  void aCastWrittenInTheQueryPointsAtTheCast() {
    assertPosition(2, 7, fails(ErrorCode.INVALID_CAST,
        "SELECT id FROM t\nWHERE CAST(code AS INT) > 5"));
  }

  @Test
  void anImplicitCastPointsAtTheValueCast() {
    // The join compares BIGINT with VARCHAR: each code is cast to BIGINT, and 'x7' is none.
    assertPosition(1, 45, fails(ErrorCode.INVALID_CAST,
        "SELECT count(*) FROM t a JOIN t b ON a.id = b.code AND b.amount > a.amount"));
  }

  @Test
  void aPreparedStatementPointsAtItsTextToo() {
    ExecutableQuery query = engine.compile("SELECT 1 / (amount - amount) FROM t");
    SalvoException error = assertThrows(SalvoException.class,
        () -> EngineRows.drain(engine.execute(query, QueryOptions.DEFAULTS)));
    assertEquals(ErrorCode.DIVISION_BY_ZERO, error.code());
    assertPosition(1, 8, error);
  }

  @Test
  void anInsertPointsAtTheCastOfItsSource() {
    EngineRows.update(engine, "CREATE TABLE numbers (n INT)");
    SalvoException error = fails(ErrorCode.INVALID_CAST,
        "INSERT INTO numbers SELECT CAST(code AS INT) FROM t");
    assertPosition(1, 28, error);
    assertEquals(0L, EngineRows.rows(engine, "SELECT count(*) FROM numbers").get(0).get(0));
  }

  @Test
  void anOperationWrittenTwiceIsNotGuessed() {
    SalvoException error = fails(ErrorCode.DIVISION_BY_ZERO,
        "SELECT id / 1, 100 / amount FROM t");
    assertFalse(error.hasPosition(), error.line() + ":" + error.column());
  }

  @Test
  void anOperationAlsoWrittenInAViewIsNotGuessed() {
    EngineRows.update(engine, "CREATE VIEW shares AS SELECT id, 100 / amount AS share FROM t");
    SalvoException inView = fails(ErrorCode.DIVISION_BY_ZERO, "SELECT share FROM shares");
    assertFalse(inView.hasPosition(), inView.line() + ":" + inView.column());
    SalvoException besideView = fails(ErrorCode.DIVISION_BY_ZERO,
        "SELECT share, id / 1 FROM shares");
    assertFalse(besideView.hasPosition(), besideView.line() + ":" + besideView.column());
  }

  @Test
  void anOperationInAFunctionBodyPointsAtTheCall() {
    EngineRows.rows(engine, "CREATE FUNCTION per_unit(x INT) RETURNS INT RETURN 100 / x");
    assertPosition(2, 3, fails(ErrorCode.DIVISION_BY_ZERO,
        "SELECT id,\n  per_unit(amount) FROM t"));
    SalvoException besideCall = fails(ErrorCode.DIVISION_BY_ZERO,
        "SELECT per_unit(amount), id / 1 FROM t");
    assertFalse(besideCall.hasPosition(), besideCall.line() + ":" + besideCall.column());
  }

  private static SalvoException fails(ErrorCode code, String sql) {
    SalvoException error = assertThrows(SalvoException.class,
        () -> EngineRows.drain(engine.execute(sql)), sql);
    assertEquals(code, error.code(), error.getMessage());
    return error;
  }

  private static void assertPosition(int line, int column, SalvoException error) {
    assertEquals(line + ":" + column, error.line() + ":" + error.column(), error.getMessage());
  }
}
