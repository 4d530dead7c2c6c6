package dev.salvo.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trino.tpch.Nation;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries, parameters, errors, metadata and cancellation through both JDBC URLs. */
class JdbcEndToEndTest {
  /** Scans sf1's 6 million lineitem rows: long enough to cancel, short enough to finish. */
  private static final String LONG_QUERY =
      "SELECT count(*) FROM tpch.sf1.lineitem WHERE l_comment LIKE '%zebra%'";

  @TempDir
  static Path installDirectory;

  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(installDirectory,
        Map.of("tpch.schemas", "tiny=0.01,sf1=1", "exec.parallelism", "2"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bothUrlsRunQueries() throws SQLException {
    for (String url : List.of(server.salvoUrl(), server.flightUrl())) {
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(
              "SELECT n_regionkey, count(*) AS nations FROM tpch.tiny.nation"
                  + " GROUP BY n_regionkey ORDER BY n_regionkey")) {
        Map<Long, Long> expected = new HashMap<>();
        for (Nation nation : TpchTable.NATION.createGenerator(1, 1, 1)) {
          expected.merge(nation.getRegionKey(), 1L, Long::sum);
        }
        Map<Long, Long> actual = new HashMap<>();
        while (result.next()) {
          actual.put(result.getLong(1), result.getLong("nations"));
        }
        assertEquals(expected, actual, url);
      }
    }
  }

  @Test
  void salvoDriverIsRegisteredAndWrapsConnections() throws SQLException {
    assertInstanceOf(SalvoDriver.class, DriverManager.getDriver(server.salvoUrl()));
    try (Connection connection = DriverManager.getConnection(server.salvoUrl() + "/tpch/tiny")) {
      assertEquals("tpch", connection.getCatalog());
      assertEquals("tiny", connection.getSchema());
      try (Statement statement = connection.createStatement()) {
        assertTrue(statement.getConnection() == connection);
      }
    }
  }

  @Test
  void preparedStatementsBindParametersOfSeveralTypes() throws SQLException {
    Map<Long, String> names = new HashMap<>();
    for (Nation nation : TpchTable.NATION.createGenerator(1, 1, 1)) {
      names.put(nation.getNationKey(), nation.getName());
    }
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        PreparedStatement byKey = connection.prepareStatement(
            "SELECT n_name FROM tpch.tiny.nation WHERE n_nationkey = ?");
        PreparedStatement mixed = connection.prepareStatement(
            "SELECT count(*) FROM tpch.tiny.orders WHERE o_orderdate < ? AND o_totalprice > ?"
                + " AND o_orderpriority LIKE ?")) {
      ParameterMetadataCheck.assertParameterTypes(byKey, Types.BIGINT);
      for (long key : List.of(0L, 7L, 24L)) {
        byKey.setLong(1, key);
        try (ResultSet result = byKey.executeQuery()) {
          assertTrue(result.next());
          assertEquals(names.get(key), result.getString(1));
          assertFalse(result.next());
        }
      }
      long expected = 0;
      for (io.trino.tpch.Order order : TpchTable.ORDERS.createGenerator(0.01, 1, 1)) {
        if (order.getOrderDate() < (int) java.time.LocalDate.of(1995, 1, 1).toEpochDay()
            && order.getTotalPriceInCents() > 100_000_00L
            && order.getOrderPriority().startsWith("1")) {
          expected++;
        }
      }
      mixed.setDate(1, Date.valueOf("1995-01-01"));
      mixed.setBigDecimal(2, new BigDecimal("100000.00"));
      mixed.setString(3, "1%");
      try (ResultSet result = mixed.executeQuery()) {
        assertTrue(result.next());
        assertEquals(expected, result.getLong(1));
      }
    }
  }

  @Test
  void setHoldsForTheConnectionThatSentIt() throws SQLException {
    for (String url : List.of(server.salvoUrl(), server.flightUrl())) {
      try (Connection first = DriverManager.getConnection(url);
          Connection second = DriverManager.getConnection(url);
          Statement firstStatement = first.createStatement();
          Statement secondStatement = second.createStatement()) {
        assertEquals("4096", setting(secondStatement, "batch_size"));
        assertTrue(firstStatement.execute("SET batch_size = 77"));
        assertEquals("77", setting(firstStatement, "batch_size"));
        assertEquals("4096", setting(secondStatement, "batch_size"), url);
        try (ResultSet rows = firstStatement.executeQuery(
            "SELECT count(*) FROM tpch.tiny.nation")) {
          assertTrue(rows.next());
          assertEquals(25, rows.getLong(1));
        }
        SQLException unknown = assertThrows(SQLException.class,
            () -> firstStatement.execute("SET no_such_setting = 1"));
        assertTrue(unknown.getMessage().contains("UNKNOWN_SETTING"), unknown.getMessage());
        SQLException distributed = assertThrows(SQLException.class,
            () -> firstStatement.execute("SET runner = 'distributed'"));
        assertTrue(distributed.getMessage().contains("NOT_SUPPORTED"), distributed.getMessage());
        if (url.equals(server.salvoUrl())) {
          // Only Salvo's own driver turns the code into the exception's SQLSTATE.
          assertEquals("42704", unknown.getSQLState());
          assertEquals("0A000", distributed.getSQLState());
        }
        firstStatement.execute("RESET ALL");
        assertEquals("4096", setting(firstStatement, "batch_size"));
      }
    }
  }

  private static String setting(Statement statement, String name) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
      assertTrue(rows.next());
      assertEquals(name, rows.getString("name"));
      return rows.getString("value");
    }
  }

  @Test
  void errorsCarrySalvoCodeAndSqlState() throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        Statement statement = connection.createStatement()) {
      SQLException missing = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT * FROM tpch.tiny.no_such_table"));
      assertInstanceOf(SQLSyntaxErrorException.class, missing);
      assertEquals("42P01", missing.getSQLState());
      assertTrue(missing.getMessage().startsWith("TABLE_NOT_FOUND: "), missing.getMessage());

      SQLException syntax = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELEC 1"));
      assertEquals("42601", syntax.getSQLState());
      assertTrue(syntax.getMessage().startsWith("SYNTAX_ERROR: "), syntax.getMessage());

      // Salvo has no DML yet: an update is refused, not answered with a made-up count.
      SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate(
          "INSERT INTO tpch.tiny.region VALUES (9, 'X', 'Y')"));
      assertEquals("0A000", update.getSQLState(), update.getMessage());
      assertTrue(update.getMessage().startsWith("NOT_SUPPORTED: "), update.getMessage());
    }
  }

  @Test
  void metadataShowsTheCatalog() throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.salvoUrl())) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertEquals(List.of("salvo", "tpch"), column(metadata.getCatalogs(), "TABLE_CAT"));
      assertEquals(List.of("sf1", "tiny"), column(metadata.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of("sf1"), column(metadata.getSchemas("tpch", "sf%"), "TABLE_SCHEM"));
      assertEquals(List.of("TABLE"), column(metadata.getTableTypes(), "TABLE_TYPE"));
      assertEquals(List.of("customer", "lineitem", "nation", "orders", "part", "partsupp",
          "region", "supplier"),
          column(metadata.getTables("tpch", "tiny", "%", null), "TABLE_NAME"));

      Map<String, Integer> types = new HashMap<>();
      Map<String, Integer> sizes = new HashMap<>();
      try (ResultSet columns = metadata.getColumns("tpch", "tiny", "lineitem", "%")) {
        while (columns.next()) {
          assertEquals("lineitem", columns.getString("TABLE_NAME"));
          types.put(columns.getString("COLUMN_NAME"), columns.getInt("DATA_TYPE"));
          sizes.put(columns.getString("COLUMN_NAME"), columns.getInt("COLUMN_SIZE"));
        }
      }
      assertEquals(16, types.size(), types.toString());
      assertEquals(Types.BIGINT, types.get("l_orderkey"));
      assertEquals(Types.DECIMAL, types.get("l_extendedprice"));
      assertEquals(15, sizes.get("l_extendedprice"));
      assertEquals(Types.DATE, types.get("l_shipdate"));
      assertEquals(Types.VARCHAR, types.get("l_comment"));

      try (ResultSet keys = metadata.getPrimaryKeys("tpch", "tiny", "lineitem")) {
        assertFalse(keys.next());
      }

      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(
              "SELECT l_orderkey, l_extendedprice, l_shipdate, l_comment"
                  + " FROM tpch.tiny.lineitem LIMIT 1")) {
        ResultSetMetaData resultMetadata = result.getMetaData();
        assertEquals(Types.BIGINT, resultMetadata.getColumnType(1));
        assertEquals(Types.DECIMAL, resultMetadata.getColumnType(2));
        assertEquals(2, resultMetadata.getScale(2));
        assertEquals(Types.DATE, resultMetadata.getColumnType(3));
        assertEquals(Types.VARCHAR, resultMetadata.getColumnType(4));
        assertTrue(result.next());
        assertInstanceOf(BigDecimal.class, result.getObject(2));
      }
    }
  }

  @Test
  void cancelStopsAQueryWhoseResultIsBeingRead() throws Exception {
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        Statement statement = connection.createStatement()) {
      CompletableFuture<Void> firstRows = new CompletableFuture<>();
      CompletableFuture<Long> outcome = CompletableFuture.supplyAsync(() -> {
        long rows = 0;
        try (ResultSet result = statement.executeQuery(
            "SELECT l_orderkey, l_comment FROM tpch.sf1.lineitem")) {
          while (result.next()) {
            if (++rows == 1000) {
              firstRows.complete(null);
            }
          }
        } catch (SQLException e) {
          // Cancelled while reading: what the test expects.
        }
        firstRows.complete(null);
        return rows;
      });
      firstRows.get(60, TimeUnit.SECONDS);
      statement.cancel();
      long rows = outcome.get(30, TimeUnit.SECONDS);
      assertTrue(rows < 6_000_000, "the whole result arrived: " + rows + " rows");
      awaitIdle();
    }
  }

  @Test
  void queryTimeoutStopsALongQuery() throws Exception {
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      long started = System.nanoTime();
      assertThrows(SQLException.class, () -> {
        try (ResultSet result = statement.executeQuery(LONG_QUERY)) {
          result.next();
        }
      });
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
      awaitIdle();
    }
  }

  private static void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.runtime().runningQueryCount() != 0) {
      assertTrue(System.nanoTime() < deadline, "the query still runs on the server");
      Thread.sleep(20);
    }
  }

  private static List<String> column(ResultSet result, String name) throws SQLException {
    try (result) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(name));
      }
      return values;
    }
  }
}
