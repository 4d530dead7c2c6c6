package dev.salvo.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.rel.SalvoJoin;
import dev.salvo.sql.rel.SalvoTableScan;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

/** The planner's estimates for joins on unique keys and for scans of some columns. */
class JoinEstimatesTest {
  private static final double LINEITEM_ROWS = 60_175;
  private static final double ORDERS_ROWS = 15_000;

  private final QueryPlanner planner =
      new QueryPlanner(SalvoCatalog.builtIn(Map.of("tiny", 0.01)));

  private RelNode physicalPlan(String sql) {
    return planner.plan(SalvoParser.parseStatement(sql)).physicalPlan();
  }

  private static <T extends RelNode> T first(RelNode plan, Class<T> type) {
    Object[] found = new Object[1];
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (found[0] == null && type.isInstance(node)) {
          found[0] = node;
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    if (found[0] == null) {
      throw new AssertionError("no " + type.getSimpleName() + " in\n" + RelOptUtil.toString(plan));
    }
    return type.cast(found[0]);
  }

  @Test
  void joinOnAPrimaryKeyKeepsTheForeignKeySideTimesTheKeysThatSurvived() {
    RelNode plan = physicalPlan("SELECT l_quantity FROM tpch.tiny.lineitem, tpch.tiny.orders"
        + " WHERE l_orderkey = o_orderkey AND o_orderstatus = 'F'");
    SalvoJoin join = first(plan, SalvoJoin.class);
    RelMetadataQuery metadata = join.getCluster().getMetadataQuery();
    double left = metadata.getRowCount(join.getLeft());
    double right = metadata.getRowCount(join.getRight());
    double lineitem = Math.max(left, right);
    double filteredOrders = Math.min(left, right);
    assertTrue(lineitem > 50_000 && filteredOrders < ORDERS_ROWS, left + " and " + right);
    double expected = lineitem * filteredOrders / ORDERS_ROWS;
    // Each lineitem meets at most one order: as many rows as lineitem has whose order passed
    // the filter, not lineitem times orders times a fixed selectivity.
    assertEquals(expected, metadata.getRowCount(join), expected * 1e-9);
    assertTrue(metadata.getRowCount(join) < LINEITEM_ROWS);
  }

  @Test
  void aggregateGroupedByAForeignKeyIsNotTakenForAFilteredKeyTable() {
    // The sums are unique per l_orderkey, but lineitem's rows are no measure of how many
    // order keys exist: the join keeps the smaller side whole.
    RelNode plan = physicalPlan("SELECT o_totalprice, s.q FROM tpch.tiny.orders,"
        + " (SELECT l_orderkey, sum(l_quantity) AS q FROM tpch.tiny.lineitem"
        + " GROUP BY l_orderkey) AS s WHERE o_orderkey = s.l_orderkey");
    SalvoJoin join = first(plan, SalvoJoin.class);
    RelMetadataQuery metadata = join.getCluster().getMetadataQuery();
    double smaller = Math.min(metadata.getRowCount(join.getLeft()),
        metadata.getRowCount(join.getRight()));
    assertEquals(smaller, metadata.getRowCount(join), smaller * 1e-9);
  }

  @Test
  void joinWithoutAUniqueSideKeepsCalcitesEstimate() {
    RelNode plan = physicalPlan("SELECT a.l_quantity FROM tpch.tiny.lineitem a,"
        + " tpch.tiny.lineitem b WHERE a.l_orderkey = b.l_orderkey");
    SalvoJoin join = first(plan, SalvoJoin.class);
    RelMetadataQuery metadata = join.getCluster().getMetadataQuery();
    assertTrue(metadata.getRowCount(join) > LINEITEM_ROWS, "" + metadata.getRowCount(join));
  }

  @Test
  void scansOfSomeColumnsKnowTheirKeysAndOriginsByTablePosition() {
    // lineitem's key is (l_orderkey, l_linenumber), table columns 0 and 3: the scan's 0 and 1.
    RelNode keys = physicalPlan("SELECT l_linenumber, l_orderkey FROM tpch.tiny.lineitem");
    SalvoTableScan keyScan = first(keys, SalvoTableScan.class);
    RelMetadataQuery metadata = keyScan.getCluster().getMetadataQuery();
    assertEquals(2, keyScan.getRowType().getFieldCount());
    assertTrue(metadata.areColumnsUnique(keyScan, ImmutableBitSet.of(0, 1)));
    assertFalse(metadata.areColumnsUnique(keyScan, ImmutableBitSet.of(0)));
    // o_totalprice is the table's fourth column and the scan's first.
    RelNode prices = physicalPlan("SELECT o_totalprice FROM tpch.tiny.orders");
    SalvoTableScan priceScan = first(prices, SalvoTableScan.class);
    RelColumnOrigin origin = metadata.getColumnOrigins(priceScan, 0).iterator().next();
    assertEquals("o_totalprice", origin.getOriginTable().getRowType().getFieldNames()
        .get(origin.getOriginColumnOrdinal()));
  }

  private double scanRows(String sql) {
    SalvoTableScan scan = first(physicalPlan(sql), SalvoTableScan.class);
    return scan.getCluster().getMetadataQuery().getRowCount(scan);
  }

  @Test
  void aLikeWithALongerFixedPrefixKeepsFewerRows() {
    // tpch.tiny.part: 2,000 rows. Calcite guesses a quarter for any LIKE.
    double contains = scanRows("SELECT p_partkey FROM tpch.tiny.part WHERE p_name LIKE '%forest%'");
    double shortPrefix = scanRows("SELECT p_partkey FROM tpch.tiny.part WHERE p_name LIKE 'fo%'");
    double longPrefix = scanRows("SELECT p_partkey FROM tpch.tiny.part WHERE p_name LIKE 'forest%'");
    assertEquals(500, contains, 1);
    assertEquals(500, shortPrefix, 1);
    assertEquals(2_000 / 64.0, longPrefix, 0.5);
  }
}
