package dev.salvo.sql.hint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.parser.SalvoParser;
import java.util.List;
import org.apache.calcite.rel.hint.RelHint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Salvo's hint arguments are checked on the parse tree, with the position of what is wrong. */
class SalvoHintsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT /*+ REPARTITION(16, user_id) */ user_id FROM t",
      "SELECT /*+ REPARTITION(8) */ * FROM t",
      "SELECT /*+ REPARTITION(16, 'user_id', \"Col\") */ * FROM t",
      "SELECT /*+ INTO_BATCHES(1000) */ * FROM t",
      "SELECT * FROM t /*+ INTO_BATCHES(1000) */",
      "SELECT /*+ repartition(2147483647, a), into_batches(1) */ * FROM t",
      "SELECT /*+ BROADCAST(u), SOMETHING(k = 'v'), WHATEVER(1, 'x', y) */ * FROM t",
      "SELECT 1",
  })
  void acceptsWellFormedHints(String sql) {
    assertDoesNotThrow(() -> SalvoHints.validateHints(SalvoParser.parseStatement(sql)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // SQL (\n = new line) | line | column | text the message must contain
      "SELECT /*+ REPARTITION(0) */ * FROM t | 1 | 24 | partition count must be a positive integer",
      "SELECT /*+ REPARTITION(-2, a) */ * FROM t | 1 | 24 | got -2",
      "SELECT /*+ REPARTITION(1.5) */ * FROM t | 1 | 24 | got 1.5",
      "SELECT /*+ REPARTITION('16') */ * FROM t | 1 | 24 | got '16'",
      "SELECT /*+ REPARTITION(user_id) */ * FROM t | 1 | 24 | got user_id",
      "SELECT /*+ REPARTITION(user_id, 16) */ * FROM t | 1 | 24 | got 'user_id'",
      "SELECT /*+ REPARTITION(3000000000) */ * FROM t | 1 | 24 | no larger than 2147483647",
      "SELECT /*+ REPARTITION(16, 3) */ * FROM t | 1 | 28 | expected a column name",
      "SELECT /*+ REPARTITION */ * FROM t | 1 | 12 | needs a partition count",
      "SELECT /*+ REPARTITION() */ * FROM t | 1 | 12 | needs a partition count",
      "SELECT /*+ REPARTITION(n = '4') */ * FROM t | 1 | 12 | not key = value pairs",
      "SELECT /*+ INTO_BATCHES */ * FROM t | 1 | 12 | exactly one argument",
      "SELECT /*+ INTO_BATCHES(10, 20) */ * FROM t | 1 | 29 | exactly one argument",
      "SELECT /*+ INTO_BATCHES(size) */ * FROM t | 1 | 25 | rows per batch must be a positive integer",
      "SELECT * FROM t /*+ INTO_BATCHES(0) */ | 1 | 34 | got 0",
      "SELECT * FROM t /*+ REPARTITION(4) */ | 1 | 21 | is a query hint",
      "SELECT /*+ INTO_BATCHES(5), into_batches(6) */ * FROM t | 1 | 29 | given twice",
      "SELECT a\\n  FROM (SELECT /*+\\n      REPARTITION(4,\\n                  7) */ a FROM t) | 4 | 19 | expected a column name",
      "WITH w AS (SELECT /*+ INTO_BATCHES(0) */ a FROM t) SELECT * FROM w | 1 | 36 | got 0",
      "EXPLAIN PLAN FOR SELECT a FROM t WHERE a IN (SELECT /*+ REPARTITION(0) */ b FROM u) | 1 | 69 | got 0",
      "SELECT a FROM t UNION ALL SELECT a FROM u /*+ REPARTITION(2) */ | 1 | 47 | is a query hint",
  })
  void rejectsBadArgumentsWhereTheyAre(String sql, int line, int column, String text) {
    String statement = sql.replace("\\n", "\n");
    SalvoException error = assertThrows(SalvoException.class,
        () -> SalvoHints.validateHints(SalvoParser.parseStatement(statement)));
    assertEquals(ErrorCode.INVALID_HINT, error.code());
    assertEquals(line, error.line(), error::getMessage);
    assertEquals(column, error.column(), error::getMessage);
    assertTrue(error.getMessage().contains(text), error::getMessage);
  }

  @Test
  void listsUnknownHintsAsWrittenWithoutFailing() {
    String sql = "SELECT /*+ BROADCAST(u), REPARTITION(4) */ * FROM t /*+ Index(idx) */"
        + " WHERE a IN (SELECT /*+ no_merge */ b FROM u)";
    assertDoesNotThrow(() -> SalvoHints.validateHints(SalvoParser.parseStatement(sql)));
    assertEquals(List.of("BROADCAST", "Index", "no_merge"),
        SalvoHints.unknownHints(SalvoParser.parseStatement(sql)));
    assertEquals(List.of(), SalvoHints.unknownHints(SalvoParser.parseStatement(
        "SELECT /*+ into_batches(3) */ * FROM t")));
  }

  @Test
  void strategyTableDropsHintsThatSlippedPastValidation() {
    assertTrue(SalvoHints.STRATEGY_TABLE.validateHint(
        RelHint.builder("REPARTITION").hintOptions(List.of("4", "a")).build()));
    assertTrue(SalvoHints.STRATEGY_TABLE.validateHint(
        RelHint.builder("into_batches").hintOption("64").build()));
    assertFalse(SalvoHints.STRATEGY_TABLE.validateHint(
        RelHint.builder("REPARTITION").hintOption("0").build()));
    assertFalse(SalvoHints.STRATEGY_TABLE.validateHint(
        RelHint.builder("INTO_BATCHES").hintOptions(List.of("1", "2")).build()));
    assertFalse(SalvoHints.STRATEGY_TABLE.validateHint(
        RelHint.builder("INTO_BATCHES").hintOption("rows", "5").build()));
    assertFalse(SalvoHints.STRATEGY_TABLE.validateHint(RelHint.builder("BROADCAST").build()));
  }
}
