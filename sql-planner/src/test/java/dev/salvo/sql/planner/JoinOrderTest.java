package dev.salvo.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.connector.tpch.TpchQueries;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.parser.SalvoParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.junit.jupiter.api.Test;

/**
 * Join orders of TPC-H queries at scale factor 1, planned from the distinct counts the TPC-H
 * tables declare: joins should follow the foreign keys from the big fact tables outwards, never
 * form a large intermediate result by joining two dimensions on a low-cardinality column.
 */
class JoinOrderTest {
  private final QueryPlanner planner = new QueryPlanner(SalvoCatalog.builtIn(Map.of("sf1", 1.0)));

  private RelNode physicalPlan(int query) {
    return planner.plan(SalvoParser.parseStatement(TpchQueries.sql(query, "tpch.sf1.")))
        .physicalPlan();
  }

  /** The tables under each join, innermost join first. */
  private static List<Set<String>> joinedTables(RelNode plan) {
    List<Set<String>> joins = new ArrayList<>();
    collect(plan, joins);
    return joins;
  }

  private static Set<String> collect(RelNode node, List<Set<String>> joins) {
    Set<String> tables = new TreeSet<>();
    if (node instanceof TableScan scan) {
      List<String> name = scan.getTable().getQualifiedName();
      tables.add(name.get(name.size() - 1));
    }
    for (RelNode input : node.getInputs()) {
      tables.addAll(collect(input, joins));
    }
    if (node instanceof Join) {
      joins.add(tables);
    }
    return tables;
  }

  /**
   * Q5's customers and suppliers share only a nation, 25 values: joining them first makes about
   * 12 million rows. Every join holding both must already hold the orders that link them.
   */
  @Test
  void q5JoinsCustomersToOrdersBeforeSuppliers() {
    RelNode plan = physicalPlan(5);
    for (Set<String> join : joinedTables(plan)) {
      if (join.contains("customer") && join.contains("supplier")) {
        assertTrue(join.contains("orders") && join.contains("lineitem"),
            "customer joined to supplier by nation alone in " + join + ":\n"
                + RelOptUtil.toString(plan));
      }
    }
  }

  /** Q5 starts from lineitem and orders, the two tables all others hang off. */
  @Test
  void q5JoinsLineitemToOrdersFirst() {
    RelNode plan = physicalPlan(5);
    Set<String> innermost = joinedTables(plan).get(0);
    assertTrue(innermost.contains("lineitem") || innermost.contains("orders"),
        "innermost join " + innermost + ":\n" + RelOptUtil.toString(plan));
  }

  /**
   * Q7's two nations are joined to suppliers and customers separately: every join holding both
   * customers and suppliers also holds the line items and orders between them.
   */
  @Test
  void q7NeverJoinsCustomersToSuppliersDirectly() {
    RelNode plan = physicalPlan(7);
    for (Set<String> join : joinedTables(plan)) {
      if (join.contains("customer") && join.contains("supplier")) {
        assertTrue(join.contains("orders") && join.contains("lineitem"),
            "customer joined to supplier in " + join + ":\n" + RelOptUtil.toString(plan));
      }
    }
    assertEquals(5, joinedTables(plan).size(), RelOptUtil.toString(plan));
  }
}
