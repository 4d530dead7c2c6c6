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


  /**
   * Joins on a foreign key return about as many rows as the referencing side; a join on a column
   * of 25 values, |L| x |R| / 25.
   */
  @Test
  void joinSizesFollowTheKeysDistinctCounts() {
    assertEquals(1_500_000, joinRows("SELECT * FROM tpch.sf1.orders"
        + " JOIN tpch.sf1.customer ON o_custkey = c_custkey"), 1_000);
    assertEquals(150_000.0 * 10_000 / 25, joinRows("SELECT * FROM tpch.sf1.customer"
        + " JOIN tpch.sf1.supplier ON c_nationkey = s_nationkey"), 1_000);
    // An equality with a constant keeps one row in ndv: 150000 / 25 customers, one nation each.
    assertEquals(6_000, joinRows("SELECT * FROM tpch.sf1.customer"
        + " JOIN tpch.sf1.nation ON c_nationkey = n_nationkey WHERE c_nationkey = 7"), 100);
  }

  private double joinRows(String sql) {
    RelNode plan = planner.plan(SalvoParser.parseStatement(sql)).physicalPlan();
    Join join = findJoin(plan);
    return join.getCluster().getMetadataQuery().getRowCount(join);
  }

  private static Join findJoin(RelNode node) {
    if (node instanceof Join join) {
      return join;
    }
    for (RelNode input : node.getInputs()) {
      Join join = findJoin(input);
      if (join != null) {
        return join;
      }
    }
    return null;
  }
}
