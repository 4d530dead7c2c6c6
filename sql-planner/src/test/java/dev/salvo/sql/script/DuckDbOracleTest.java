package dev.salvo.sql.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.tpch.TpchConnector;
import dev.salvo.sql.EngineConfig;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ScriptFixtures.class)
class DuckDbOracleTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void duckDbHoldsTheConnectorsRowsWithTheSameTypes(DuckDbOracle oracle) throws Exception {
    // Reference totals computed straight from the connector's batches.
    TableSource lineitem = new TpchConnector(EngineConfig.DEFAULT_TPCH_SCHEMAS)
        .tables("tiny").get("lineitem");
    long rows = 0;
    long orderKeys = 0;
    BigDecimal prices = BigDecimal.ZERO;
    int maxShipDate = Integer.MIN_VALUE;
    try (BatchReader reader = lineitem.open(lineitem.splits(1).get(0), List.of(0, 5, 10),
        allocator, 4096)) {
      Batch next;
      while ((next = reader.next()) != null) {
        try (Batch batch = next) {
          for (int row = 0; row < batch.rowCount(); row++) {
            orderKeys += ((BigIntVector) batch.column(0)).get(row);
            prices = prices.add(((DecimalVector) batch.column(1)).getObject(row));
            maxShipDate = Math.max(maxShipDate, ((DateDayVector) batch.column(2)).get(row));
          }
          rows += batch.rowCount();
        }
      }
    }
    try (DuckDbSession session = oracle.openSession()) {
      QueryResult result = session.query("SELECT count(*), sum(l_orderkey), "
          + "sum(l_extendedprice), max(l_shipdate) FROM tpch.tiny.lineitem");
      assertEquals(List.of(rows, orderKeys, prices, LocalDate.ofEpochDay(maxShipDate)),
          result.rows().get(0));
      QueryResult types = session.query("SELECT data_type FROM information_schema.columns "
          + "WHERE table_catalog = 'tpch' AND table_schema = 'tiny' AND table_name = 'lineitem'"
          + " AND column_name IN ('l_orderkey', 'l_linenumber', 'l_quantity', 'l_shipdate',"
          + " 'l_comment') ORDER BY column_name");
      assertEquals(List.of(List.of("VARCHAR"), List.of("INTEGER"), List.of("BIGINT"),
          List.of("DECIMAL(15,2)"), List.of("DATE")), types.rows());
      assertEquals(List.of(List.of(25L)),
          session.query("SELECT count(*) FROM tpch.tiny.nation").rows());
    }
  }

  @Test
  void sessionsKeepTheirTablesApartAndWorkOffline(DuckDbOracle oracle) throws Exception {
    try (DuckDbSession first = oracle.openSession();
        DuckDbSession second = oracle.openSession()) {
      first.execute("CREATE TABLE t AS SELECT 1 AS a");
      second.execute("CREATE TABLE t AS SELECT 2 AS a");
      assertEquals(List.of(List.of(1L)), first.query("SELECT a FROM t").rows());
      assertEquals(List.of(List.of(2L)), second.query("SELECT a FROM t").rows());
      // No extension may be downloaded or loaded behind the suite's back.
      assertThrows(SQLException.class, () -> first.execute("INSTALL tpch"));
    }
  }

  @Test
  void unknownTpchSchemasAreLeftAlone(DuckDbOracle oracle) throws Exception {
    try (DuckDbSession session = oracle.openSession()) {
      assertThrows(SQLException.class,
          () -> session.query("SELECT count(*) FROM tpch.sf999.nation"));
    }
  }
}
