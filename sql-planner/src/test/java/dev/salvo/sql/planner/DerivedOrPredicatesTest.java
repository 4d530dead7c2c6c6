package dev.salvo.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.connector.tpch.TpchQueries;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.parser.SalvoParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an OR across two joined tables implies about each table alone filters that table's scan,
 * while the OR itself still decides the joined rows.
 */
class DerivedOrPredicatesTest {
  private final QueryPlanner planner = new QueryPlanner(SalvoCatalog.builtIn(Map.of("tiny", 0.01)));

  private List<String> physicalScans(String sql) {
    List<String> lines = QueryPlanner.explainLines(planner.plan(SalvoParser.parseStatement(sql)));
    return lines.subList(lines.indexOf("== Physical plan =="), lines.size()).stream()
        .filter(line -> line.contains("SalvoTableScan")).toList();
  }

  @Test
  void q7FiltersBothNationScansToTheTwoNations() {
    List<String> nationScans = physicalScans(TpchQueries.sql(7, "tpch.tiny.")).stream()
        .filter(line -> line.contains("nation")).toList();
    assertEquals(2, nationScans.size(), nationScans.toString());
    for (String scan : nationScans) {
      assertEquals(true, scan.contains("FRANCE") && scan.contains("GERMANY"), scan);
    }
  }

  @Test
  void aBranchWithoutAConditionOnATableImpliesNothingForIt() {
    List<String> scans = physicalScans("SELECT n_name, r_name FROM tpch.tiny.nation"
        + " JOIN tpch.tiny.region ON n_regionkey = r_regionkey"
        + " WHERE (n_name = 'FRANCE' AND r_name = 'EUROPE') OR n_nationkey > r_regionkey");
    assertEquals(2, scans.size(), scans.toString());
    for (String scan : scans) {
      assertEquals(false, scan.contains("FRANCE") || scan.contains("EUROPE"), scan);
    }
  }
}
