package dev.salvo.sql.hint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.salvo.sql.parser.SalvoParser;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlHint.HintOptionFormat;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTableRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hints as Spark spells them parse, including the mixed option lists Calcite alone rejects. */
class HintGrammarTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // hint comment | hint name | options, comma-separated
      "/*+ REPARTITION(16, user_id) */ | REPARTITION | 16,user_id",
      "/*+ REPARTITION(8) */ | REPARTITION | 8",
      "/*+ REPARTITION(16, 'user_id', \"Col\") */ | REPARTITION | 16,user_id,Col",
      "/*+ REPARTITION(16, user_id, region) */ | REPARTITION | 16,user_id,region",
      "/*+ INTO_BATCHES(1000) */ | INTO_BATCHES | 1000",
      "/*+ repartition(4, UserId) */ | repartition | 4,UserId",
      "/*+ REPARTITION(user_id, 16) */ | REPARTITION | user_id,16",
      "/*+ REPARTITION('a', b, 3) */ | REPARTITION | a,b,3",
  })
  void parsesQueryHintsWithMixedOptions(String comment, String name, String options) {
    SqlHint hint = onlyHint((SqlSelect) SalvoParser.parseStatement(
        "SELECT " + comment + " user_id FROM t"));
    assertEquals(name, hint.getName());
    assertEquals(HintOptionFormat.LITERAL_LIST, hint.getOptionFormat());
    assertEquals(List.of(options.split(",")), hint.getOptionList());
  }

  @Test
  void keepsCalcitesIdentifierAndKeyValueForms() {
    SqlSelect identifiers = (SqlSelect) SalvoParser.parseStatement(
        "SELECT /*+ BROADCAST(u, v) */ * FROM t");
    assertEquals(HintOptionFormat.ID_LIST, onlyHint(identifiers).getOptionFormat());
    assertEquals(List.of("u", "v"), onlyHint(identifiers).getOptionList());

    SqlSelect pairs = (SqlSelect) SalvoParser.parseStatement(
        "SELECT /*+ PROPERTIES(k1 = 'v1', k2 = 'v2') */ * FROM t");
    assertEquals(HintOptionFormat.KV_LIST, onlyHint(pairs).getOptionFormat());
    assertEquals(Map.of("k1", "v1", "k2", "v2"), onlyHint(pairs).getOptionKVPairs());

    SqlSelect bare = (SqlSelect) SalvoParser.parseStatement("SELECT /*+ NO_HASH_JOIN */ * FROM t");
    assertEquals(HintOptionFormat.EMPTY, onlyHint(bare).getOptionFormat());
  }

  @Test
  void parsesTableHints() {
    SqlSelect select = (SqlSelect) SalvoParser.parseStatement(
        "SELECT * FROM t /*+ INTO_BATCHES(1000) */ JOIN u /*+ INTO_BATCHES(10) */ ON t.a = u.a");
    SqlJoin join = assertInstanceOf(SqlJoin.class, select.getFrom());
    SqlTableRef left = assertInstanceOf(SqlTableRef.class, join.getLeft());
    SqlHint hint = (SqlHint) left.hints.get(0);
    assertEquals("INTO_BATCHES", hint.getName());
    assertEquals(List.of("1000"), hint.getOptionList());
    SqlTableRef right = assertInstanceOf(SqlTableRef.class, join.getRight());
    assertEquals(List.of("10"), ((SqlHint) right.hints.get(0)).getOptionList());
  }

  @Test
  void parsesSeveralHintsInOneComment() {
    SqlNode statement = SalvoParser.parseStatement(
        "SELECT /*+ REPARTITION(4, a, b), INTO_BATCHES(256) */ a FROM t ORDER BY a LIMIT 5");
    SqlSelect select = (SqlSelect) ((SqlOrderBy) statement).query;
    assertEquals(2, select.getHints().size());
    assertEquals(List.of("4", "a", "b"), ((SqlHint) select.getHints().get(0)).getOptionList());
    assertEquals(List.of("256"), ((SqlHint) select.getHints().get(1)).getOptionList());
  }

  @Test
  void positionsEachOption() {
    SqlHint hint = onlyHint((SqlSelect) SalvoParser.parseStatement(
        "SELECT\n  /*+ REPARTITION(16,\n    user_id) */ a FROM t"));
    SqlNode column = ((org.apache.calcite.sql.SqlNodeList) hint.getOperandList().get(1)).get(1);
    assertEquals(3, column.getParserPosition().getLineNum());
    assertEquals(5, column.getParserPosition().getColumnNum());
  }

  private static SqlHint onlyHint(SqlSelect select) {
    assertEquals(1, select.getHints().size());
    return (SqlHint) select.getHints().get(0);
  }
}
