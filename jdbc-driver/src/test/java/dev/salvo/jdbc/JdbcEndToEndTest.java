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
      assertTrue(missing.getMessage().endsWith("(at line 1, column 15)"), missing.getMessage());

      SQLException mixed = assertThrows(SQLException.class, () -> statement.executeQuery(
          "SELECT count(*) FROM tpch.tiny.nation\nWHERE n_name IN ('PERU', 5)"));
      assertEquals("42804", mixed.getSQLState());
      assertTrue(mixed.getMessage().endsWith("(at line 2, column 26)"), mixed.getMessage());

      SQLException syntax = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELEC 1"));
      assertEquals("42601", syntax.getSQLState());
      assertTrue(syntax.getMessage().startsWith("SYNTAX_ERROR: "), syntax.getMessage());

      SQLException readOnly = assertThrows(SQLException.class, () -> statement.executeUpdate(
          "INSERT INTO tpch.tiny.region VALUES (9, 'X', 'Y')"));
      assertTrue(readOnly.getMessage().contains("region"), readOnly.getMessage());
    }
  }

  @Test
  void ddlAndDmlAnswerUpdateCounts() throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        Statement statement = connection.createStatement()) {
      assertEquals(25, statement.executeUpdate("CREATE TABLE jdbc_nations AS"
          + " SELECT n_nationkey, n_name FROM tpch.tiny.nation"));
      assertEquals(5, statement.executeUpdate("INSERT INTO jdbc_nations"
          + " SELECT n_nationkey + 100, n_name FROM tpch.tiny.nation WHERE n_regionkey = 0"));
      assertEquals(2, statement.executeUpdate("DELETE FROM jdbc_nations"
          + " WHERE n_nationkey IN (0, 100)"));
      assertFalse(statement.execute("INSERT INTO jdbc_nations VALUES (200, 'X')"));
      assertEquals(1, statement.getUpdateCount());
      try (ResultSet rows = statement.executeQuery(
          "SELECT count(*) FROM jdbc_nations")) {
        assertTrue(rows.next());
        assertEquals(29, rows.getLong(1));
      }
      assertEquals(0, statement.executeUpdate("DROP TABLE jdbc_nations"));
      SQLException gone = assertThrows(SQLException.class, () -> statement.executeUpdate(
          "DELETE FROM jdbc_nations"));
      assertEquals("42P01", gone.getSQLState(), gone.getMessage());
    }
  }

  @Test
  void metadataShowsTheCatalog() throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.salvoUrl())) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertEquals(List.of("salvo", "tpch"), column(metadata.getCatalogs(), "TABLE_CAT"));
      assertEquals(List.of("information_schema", "main", "sf1", "tiny"),
          column(metadata.getSchemas(), "TABLE_SCHEM"));
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
  void typeInfoDescribesTheTypesSalvoSupports() throws SQLException {
    Map<String, Map<String, Object>> types = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        ResultSet result = connection.getMetaData().getTypeInfo()) {
      ResultSetMetaData columns = result.getMetaData();
      assertEquals(18, columns.getColumnCount());
      assertEquals("TYPE_NAME", columns.getColumnName(1));
      assertEquals("DATA_TYPE", columns.getColumnName(2));
      assertEquals(Types.INTEGER, columns.getColumnType(2));
      assertEquals("NUM_PREC_RADIX", columns.getColumnName(18));
      while (result.next()) {
        Map<String, Object> row = new HashMap<>();
        row.put("DATA_TYPE", result.getInt("DATA_TYPE"));
        row.put("PRECISION", result.getInt("PRECISION"));
        row.put("NULLABLE", result.getShort("NULLABLE"));
        row.put("CASE_SENSITIVE", result.getBoolean("CASE_SENSITIVE"));
        row.put("SEARCHABLE", result.getShort("SEARCHABLE"));
        row.put("CREATE_PARAMS", result.getString("CREATE_PARAMS"));
        row.put("LITERAL_PREFIX", result.getString("LITERAL_PREFIX"));
        row.put("MAXIMUM_SCALE", result.getShort("MAXIMUM_SCALE"));
        row.put("NUM_PREC_RADIX", result.getInt("NUM_PREC_RADIX"));
        types.put(result.getString("TYPE_NAME"), row);
        order.add(result.getInt(2));
      }
    }
    assertTrue(types.keySet().containsAll(List.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER",
        "BIGINT", "REAL", "DOUBLE", "DECIMAL", "VARCHAR", "VARBINARY", "DATE", "TIME",
        "TIMESTAMP")), types.keySet().toString());
    List<Integer> sorted = new ArrayList<>(order);
    sorted.sort(null);
    assertEquals(sorted, order, "JDBC orders getTypeInfo by DATA_TYPE");

    Map<String, Object> bigint = types.get("BIGINT");
    assertEquals(Types.BIGINT, bigint.get("DATA_TYPE"));
    assertEquals(19, bigint.get("PRECISION"));
    assertEquals(10, bigint.get("NUM_PREC_RADIX"));
    assertEquals((short) DatabaseMetaData.typeNullable, bigint.get("NULLABLE"));

    Map<String, Object> decimal = types.get("DECIMAL");
    assertEquals(Types.DECIMAL, decimal.get("DATA_TYPE"));
    assertEquals(38, decimal.get("PRECISION"));
    assertEquals((short) 38, decimal.get("MAXIMUM_SCALE"));
    assertEquals("precision, scale", decimal.get("CREATE_PARAMS"));

    Map<String, Object> varchar = types.get("VARCHAR");
    assertEquals(Types.VARCHAR, varchar.get("DATA_TYPE"));
    assertEquals(true, varchar.get("CASE_SENSITIVE"));
    assertEquals((short) DatabaseMetaData.typeSearchable, varchar.get("SEARCHABLE"));
    assertEquals("length", varchar.get("CREATE_PARAMS"));
    assertEquals("'", varchar.get("LITERAL_PREFIX"));
    assertEquals(Types.DATE, types.get("DATE").get("DATA_TYPE"));
  }

  @Test
  void cancelStopsAQueryBeforeItsFirstBatch() throws Exception {
    long baseline = server.runtime().allocatedArrowBytes();
    try (Connection connection = DriverManager.getConnection(server.salvoUrl());
        Statement statement = connection.createStatement()) {
      CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
        try (ResultSet result = statement.executeQuery(LONG_QUERY)) {
          result.next();
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      awaitRunning();
      long cancelled = System.nanoTime();
      statement.cancel();
      SQLException error = failure.get(30, TimeUnit.SECONDS);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cancelled);
      assertTrue(error != null, "the query finished although it was cancelled");
      assertEquals("57014", error.getSQLState(), error.toString());
      assertTrue(error.getMessage().startsWith("QUERY_CANCELLED"), error.getMessage());
      assertTrue(seconds < 5, "cancelling took " + seconds + " s");
      awaitIdle();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.runtime().allocatedArrowBytes() != baseline) {
        assertTrue(System.nanoTime() < deadline, "Arrow memory not released: "
            + server.runtime().allocatedArrowBytes() + " bytes, baseline " + baseline);
        Thread.sleep(20);
      }
      // The connection stays usable after a cancel (Arrow's statement itself does not).
      try (Statement next = connection.createStatement();
          ResultSet result = next.executeQuery("SELECT 1")) {
        assertTrue(result.next());
        assertEquals(1, result.getInt(1));
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

  /** Waits until the server runs a query: it has started computing the first batch. */
  private static void awaitRunning() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.runtime().runningQueryCount() == 0) {
      assertTrue(System.nanoTime() < deadline, "the query never started");
      Thread.sleep(10);
    }
    // Past planning and into the scan, which takes seconds before the count's one batch.
    Thread.sleep(300);
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
