package dev.salvo.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.connector.tpch.TpchQueries;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.rel.SalvoTableScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.junit.jupiter.api.Test;

/** An aggregate joined on its group keys to a much smaller input aggregates only what it keeps. */
class SemiJoinBelowAggregateTest {
  private final QueryPlanner planner = new QueryPlanner(SalvoCatalog.builtIn(Map.of("sf1", 1.0)));

  private RelNode plan(String sql) {
    return planner.plan(SalvoParser.parseStatement(sql)).physicalPlan();
  }

  /** The join types directly under each aggregate of the plan. */
  private static List<JoinRelType> joinsUnderAggregates(RelNode node) {
    List<JoinRelType> found = new ArrayList<>();
    collect(node, found);
    return found;
  }

  private static void collect(RelNode node, List<JoinRelType> found) {
    if (node instanceof Aggregate aggregate) {
      RelNode input = aggregate.getInput();
      while (!(input instanceof Join) && input.getInputs().size() == 1) {
        input = input.getInput(0);
      }
      if (input instanceof Join join) {
        found.add(join.getJoinType());
      }
    }
    node.getInputs().forEach(input -> collect(input, found));
  }

  @Test
  void q17AveragesOnlyTheLineitemsOfTheChosenParts() {
    RelNode plan = plan(TpchQueries.sql(17, "tpch.sf1."));
    List<JoinRelType> joins = joinsUnderAggregates(plan);
    assertEquals(true, joins.contains(JoinRelType.SEMI), RelOptUtil.toString(plan));
  }

  @Test
  void q2FiltersPartsuppByTheChosenPartsBeforeJoiningTheSuppliers() {
    // Q2 joins the minimum cost per part on the part key and on the minimum itself; the
    // minimum's input joins partsupp with the European suppliers. The semi join with the
    // chosen parts goes below that join, onto partsupp, where the part key comes from.
    RelNode plan = plan(TpchQueries.sql(2, "tpch.sf1."));
    Aggregate minimum = firstAggregate(plan);
    Join suppliers = (Join) belowSingleInputs(minimum.getInput());
    assertEquals(JoinRelType.INNER, suppliers.getJoinType(), RelOptUtil.toString(plan));
    List<JoinRelType> inputs = suppliers.getInputs().stream()
        .map(input -> belowSingleInputs(input) instanceof Join join ? join.getJoinType() : null)
        .toList();
    assertEquals(true, inputs.contains(JoinRelType.SEMI), RelOptUtil.toString(plan));
  }

  private static Aggregate firstAggregate(RelNode node) {
    if (node instanceof Aggregate aggregate) {
      return aggregate;
    }
    return node.getInputs().stream().map(SemiJoinBelowAggregateTest::firstAggregate)
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  private static RelNode belowSingleInputs(RelNode node) {
    while (!(node instanceof Join) && node.getInputs().size() == 1) {
      node = node.getInput(0);
    }
    return node;
  }

  @Test
  void theScanBelowTheSemiJoinReadsOnlyWhatTheAggregateUses() {
    RelNode plan = plan(TpchQueries.sql(17, "tpch.sf1."));
    List<Integer> lineitemWidths = new ArrayList<>();
    collectScanWidths(plan, "lineitem", lineitemWidths);
    // One scan feeds the outer join (partkey, quantity, price), the other the averages per part
    // (partkey, quantity); neither reads the table's 16 columns.
    assertEquals(List.of(2, 3), lineitemWidths.stream().sorted().toList(),
        RelOptUtil.toString(plan));
  }

  private static void collectScanWidths(RelNode node, String table, List<Integer> widths) {
    if (node instanceof SalvoTableScan scan
        && scan.getTable().getQualifiedName().get(scan.getTable().getQualifiedName().size() - 1)
            .equals(table)) {
      widths.add(scan.getRowType().getFieldCount());
    }
    node.getInputs().forEach(input -> collectScanWidths(input, table, widths));
  }

  @Test
  void aJoinThatKeepsMostGroupsIsLeftAlone() {
    // 1.5 million orders against the six million lineitems summed per order: not ten times
    // fewer, so a semi join would cost about what it saves.
    RelNode plan = plan("SELECT o_orderdate, s.q FROM tpch.sf1.orders JOIN"
        + " (SELECT l_orderkey, sum(l_quantity) AS q FROM tpch.sf1.lineitem"
        + " GROUP BY l_orderkey) AS s ON o_orderkey = s.l_orderkey");
    assertEquals(List.of(), joinsUnderAggregates(plan), RelOptUtil.toString(plan));
  }
}
