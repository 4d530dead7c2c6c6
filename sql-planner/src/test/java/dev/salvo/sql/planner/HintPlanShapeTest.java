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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** REPARTITION and INTO_BATCHES hints survive the rewrites and reach the executor plan. */
class HintPlanShapeTest {
  private final QueryPlanner planner = new QueryPlanner(SalvoCatalog.builtIn(Map.of("tiny", 0.01)));

  @AfterEach
  void tearDown() {
    planner.close();
  }

  private String execPlan(String sql) {
    return PlanPrinter.print(planner.plan(SalvoParser.parseStatement(sql)).execPlan());
  }

  @Test
  void repartitionBecomesAHashExchangeBelowTheProjection() {
    String plan = execPlan("SELECT /*+ REPARTITION(8, n_regionkey) */ n_name, n_regionkey + 1"
        + " FROM tpch.tiny.nation");
    assertTrue(plan.startsWith("Project("), plan);
    assertTrue(plan.contains("\n  Exchange(partitions=8, distribution=hash[n_regionkey])\n"), plan);
    assertTrue(plan.contains("    TableScan(table=tpch.tiny.nation"), plan);
  }

  @Test
  void repartitionWithoutColumnsIsRoundRobin() {
    String plan = execPlan("SELECT /*+ REPARTITION(3) */ n_name FROM tpch.tiny.nation");
    assertTrue(plan.contains("Exchange(partitions=3, distribution=round_robin)"), plan);
  }

  @Test
  void bothHintsRepartitionFirstThenRechunk() {
    String plan = execPlan("SELECT /*+ INTO_BATCHES(100), REPARTITION(4, \"n_name\") */"
        + " n_name, count(*) FROM tpch.tiny.nation GROUP BY n_name");
    int rechunk = plan.indexOf("Rechunk(batch_rows=100)");
    int exchange = plan.indexOf("Exchange(partitions=4, distribution=hash[n_name])");
    assertTrue(rechunk >= 0 && exchange > rechunk, plan);
    assertTrue(plan.startsWith("HashAggregate"), plan);
  }

  @Test
  void tableHintRechunksRightAboveItsScan() {
    String plan = execPlan("SELECT n_name FROM tpch.tiny.nation /*+ INTO_BATCHES(7) */"
        + " WHERE n_regionkey = 1");
    assertTrue(plan.contains("Rechunk(batch_rows=7)"), plan);
    assertTrue(plan.indexOf("Rechunk") < plan.indexOf("TableScan"), plan);
  }

  @Test
  void hintUnderOrderByIsPlacedOnce() {
    String plan = execPlan("SELECT /*+ REPARTITION(2, n_name) */ n_name FROM tpch.tiny.nation"
        + " ORDER BY n_name LIMIT 3");
    assertEquals(plan.indexOf("Exchange"), plan.lastIndexOf("Exchange"), plan);
    assertTrue(plan.contains("Exchange"), plan);
  }

  @Test
  void repartitionOnAnUnknownColumnIsAnInvalidHint() {
    SalvoException error = assertThrows(SalvoException.class, () -> execPlan(
        "SELECT /*+ REPARTITION(2, nope) */ n_name FROM tpch.tiny.nation"));
    assertEquals(ErrorCode.INVALID_HINT, error.code());
    assertTrue(error.getMessage().contains("'nope'"), error.getMessage());
  }
}
