package dev.salvo.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.PlanPrinter;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.parser.SalvoParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plan shapes: what reaches the executor for typical queries, and planning errors. */
class QueryPlannerTest {
  private final QueryPlanner planner = new QueryPlanner(SalvoCatalog.builtIn(Map.of("tiny", 0.01)));

  private String execPlan(String sql) {
    return PlanPrinter.print(planner.plan(SalvoParser.parseStatement(sql)).execPlan());
  }

  @Test
  void filterAndProjectionArePushedIntoTheScan() {
    String plan = execPlan("SELECT sum(l_extendedprice * l_discount) AS revenue"
        + " FROM tpch.tiny.lineitem"
        + " WHERE l_shipdate >= DATE '1994-01-01' AND l_quantity < 24");
    assertEquals("""
        HashAggregate(groupKeys=[], aggregates=[SUM($0)])
          Project([MULTIPLY($1, $2)])
            TableScan(table=tpch.tiny.lineitem, columns=[l_quantity, l_extendedprice, l_discount, l_shipdate], filter=AND(GREATER_THAN_OR_EQUAL($3, 1994-01-01), LESS_THAN($0, 24.00)))
        """, plan);
  }

  @Test
  void orderByWithLimitBecomesTopN() {
    String plan = execPlan("SELECT n_name FROM tpch.tiny.nation ORDER BY n_name DESC LIMIT 3");
    assertTrue(plan.startsWith("TopN(keys=[$0 DESC NULLS FIRST], fetch=3)"), plan);
  }

  @Test
  void limitWithoutOrderIsAPlainLimit() {
    String plan = execPlan("SELECT n_name FROM tpch.tiny.nation LIMIT 2 OFFSET 1");
    assertTrue(plan.startsWith("Limit(offset=1, fetch=2)"), plan);
  }

  @Test
  void groupByOrdinalsAndResultNamesFollowTheSelectList() {
    var query = planner.plan(SalvoParser.parseStatement(
        "SELECT l_returnflag AS flag, count(*) AS n FROM tpch.tiny.lineitem GROUP BY 1"));
    var columns = query.execPlan().outputType().columns();
    assertEquals("flag", columns.get(0).name());
    assertEquals("n", columns.get(1).name());
    assertEquals("BIGINT NOT NULL", columns.get(1).type().toString());
  }

  @Test
  void unnamedFunctionColumnsAreNamedAfterTheFunction() {
    var columns = planner.plan(SalvoParser.parseStatement(
        "SELECT count(*), sum(l_quantity), CAST(max(l_tax) AS DOUBLE), l_quantity + 1,"
            + " CAST(l_quantity AS INTEGER)"
            + " FROM tpch.tiny.lineitem GROUP BY l_quantity")).execPlan().outputType().columns();
    assertEquals("count", columns.get(0).name());
    assertEquals("sum", columns.get(1).name());
    assertEquals("max", columns.get(2).name());
    assertEquals("EXPR$3", columns.get(3).name());
    assertEquals("l_quantity", columns.get(4).name());
  }

  @Test
  void sumOfDecimalsWidensToThirtyEightDigits() {
    var query = planner.plan(SalvoParser.parseStatement(
        "SELECT sum(l_extendedprice) FROM tpch.tiny.lineitem"));
    assertEquals("DECIMAL(38, 2)", query.execPlan().outputType().type(0).sqlName());
  }

  @Test
  void aConditionMovedOutOfAJoinLeavesItsColumnsBehind() {
    // TPC-H Q13: the comment filter starts in the outer join's condition and ends in the orders
    // scan; the join then carries only the keys, not every order's comment.
    String plan = execPlan("SELECT c_custkey, count(o_orderkey) FROM tpch.tiny.customer"
        + " LEFT OUTER JOIN tpch.tiny.orders ON c_custkey = o_custkey"
        + " AND o_comment NOT LIKE '%special%requests%' GROUP BY c_custkey");
    assertTrue(plan.contains("HashJoin(type=RIGHT, probeKeys=[1], buildKeys=[0])\n"
        + "      Project([$0, $1])\n"
        + "        TableScan(table=tpch.tiny.orders, columns=[o_orderkey, o_custkey, o_comment]"),
        plan);
  }

  @Test
  void correlatedExistsAndNotExistsBecomeSemiAndAntiJoins() {
    // TPC-H Q21's shape: the subqueries' outer columns become join keys and a residual
    // condition, rather than a join with the outer query's distinct values per subquery.
    String plan = execPlan("SELECT l1.l_orderkey FROM tpch.tiny.lineitem l1"
        + " WHERE l1.l_receiptdate > l1.l_commitdate"
        + " AND EXISTS (SELECT * FROM tpch.tiny.lineitem l2"
        + "   WHERE l2.l_orderkey = l1.l_orderkey AND l2.l_suppkey <> l1.l_suppkey)"
        + " AND NOT EXISTS (SELECT * FROM tpch.tiny.lineitem l3"
        + "   WHERE l3.l_orderkey = l1.l_orderkey AND l3.l_suppkey <> l1.l_suppkey"
        + "   AND l3.l_receiptdate > l3.l_commitdate)");
    assertEquals("""
        Project([$0])
          HashJoin(type=ANTI, probeKeys=[0], buildKeys=[0], residual=NOT_EQUAL($3, $1))
            HashJoin(type=RIGHT_SEMI, probeKeys=[0], buildKeys=[0], residual=NOT_EQUAL($1, $3))
              TableScan(table=tpch.tiny.lineitem, columns=[l_orderkey, l_suppkey])
              Project([$0, $1])
                TableScan(table=tpch.tiny.lineitem, columns=[l_orderkey, l_suppkey, l_commitdate, l_receiptdate], filter=GREATER_THAN($3, $2))
            Project([$0, $1])
              TableScan(table=tpch.tiny.lineitem, columns=[l_orderkey, l_suppkey, l_commitdate, l_receiptdate], filter=GREATER_THAN($3, $2))
        """, plan);
  }

  @Test
  void unknownColumnIsAPositionedValidationError() {
    SalvoException e = assertThrows(SalvoException.class,
        () -> planner.plan(SalvoParser.parseStatement("SELECT\n  l_nope FROM tpch.tiny.lineitem")));
    assertEquals(ErrorCode.COLUMN_NOT_FOUND, e.code());
    assertEquals(2, e.line());
    assertEquals(3, e.column());
  }

  @Test
  void unknownTableIsAPositionedError() {
    SalvoException e = assertThrows(SalvoException.class,
        () -> planner.plan(SalvoParser.parseStatement("SELECT * FROM tpch.tiny.nope")));
    assertEquals(ErrorCode.TABLE_NOT_FOUND, e.code());
    assertEquals(1, e.line());
    assertEquals(15, e.column());
  }

  @Test
  void aStringLiteralThatIsNoDateIsAPositionedCastErrorEvenWithoutRows() {
    SalvoException e = assertThrows(SalvoException.class,
        () -> planner.plan(SalvoParser.parseStatement("SELECT count(*) FROM tpch.tiny.orders\n"
            + "WHERE o_orderdate < 'abc' AND false")));
    assertEquals(ErrorCode.INVALID_CAST, e.code());
    assertEquals(2, e.line());
    assertEquals(21, e.column());
    assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
  }

  @Test
  void anExplicitCastOfABadLiteralIsPositionedAndAGoodOneIsNot() {
    SalvoException e = assertThrows(SalvoException.class,
        () -> planner.plan(SalvoParser.parseStatement("SELECT 1, CAST('12x' AS INTEGER)")));
    assertEquals(ErrorCode.INVALID_CAST, e.code());
    assertEquals(1, e.line());
    assertEquals(16, e.column());
    planner.plan(SalvoParser.parseStatement(
        "SELECT CAST('12' AS INTEGER), CAST('2020-01-02' AS DATE), CAST(NULL AS DATE)"));
  }

  @Test
  void explainShowsLogicalAndPhysicalPlans() {
    var lines = QueryPlanner.explainLines(planner.plan(SalvoParser.parseStatement(
        "SELECT count(*) FROM tpch.tiny.region WHERE r_name LIKE 'A%'")));
    assertEquals("== Logical plan ==", lines.get(0));
    assertTrue(lines.contains("== Physical plan =="), lines.toString());
    assertTrue(lines.stream().anyMatch(line -> line.contains("SalvoTableScan")), lines.toString());
  }
}
