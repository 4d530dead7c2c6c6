package dev.salvo.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.trino.tpch.Nation;
import io.trino.tpch.Supplier;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HikariCP pool of 16 Salvo connections serving 10,000 mixed queries from 32 threads: plain
 * statements, prepared statements with parameters and aggregates, each result checked against
 * values computed here from the TPC-H generator, with no error allowed.
 */
class HikariLoadTest {
  private static final int QUERIES = 10_000;
  private static final int THREADS = 32;

  @TempDir
  Path installDirectory;

  @Test
  void poolRunsTenThousandMixedQueriesWithoutError() throws Exception {
    Map<Long, String> nationNames = new HashMap<>();
    for (Nation nation : TpchTable.NATION.createGenerator(1, 1, 1)) {
      nationNames.put(nation.getNationKey(), nation.getName());
    }
    // Small tables keep each query cheap: the test measures the JDBC path, not scans.
    Map<Long, Long> suppliersPerNation = new HashMap<>();
    Map<Long, Long> centsPerNation = new HashMap<>();
    for (Supplier supplier : TpchTable.SUPPLIER.createGenerator(0.01, 1, 1)) {
      suppliersPerNation.merge(supplier.getNationKey(), 1L, Long::sum);
      centsPerNation.merge(supplier.getNationKey(), supplier.getAccountBalanceInCents(),
          Long::sum);
    }
    Map<Long, Long> nationsPerRegion = new HashMap<>();
    for (Nation nation : TpchTable.NATION.createGenerator(1, 1, 1)) {
      nationsPerRegion.merge(nation.getRegionKey(), 1L, Long::sum);
    }
    List<Long> nations = new ArrayList<>(suppliersPerNation.keySet());

    try (TestServer server = TestServer.start(installDirectory,
            Map.of("tpch.schemas", "tiny=0.01", "exec.parallelism", "1"));
        HikariDataSource pool = new HikariDataSource(poolConfig(server.salvoUrl()))) {
      AtomicInteger next = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> workers = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        workers.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < QUERIES; i = next.getAndIncrement()) {
            try (Connection connection = pool.getConnection()) {
              switch (i % 3) {
                case 0 -> checkNation(connection, i % 25, nationNames);
                case 1 -> {
                  long nation = nations.get(i % nations.size());
                  checkSuppliers(connection, nation, suppliersPerNation.get(nation),
                      centsPerNation.get(nation));
                }
                default -> checkRegions(connection, nationsPerRegion);
              }
            } catch (Throwable e) {
              errors.add(new AssertionError("query " + i + " failed", e));
            }
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
      threads.shutdown();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      if (!errors.isEmpty()) {
        AssertionError failure = new AssertionError(errors.size() + " of " + QUERIES
            + " queries failed; the first is attached");
        failure.initCause(errors.peek());
        throw failure;
      }
      assertEquals(QUERIES, Math.min(next.get(), QUERIES));
      // A guard against hangs, not a benchmark: shared CI machines vary too much for one.
      assertTrue(seconds < 300, "took " + seconds + " s");
      System.out.printf("%d queries from %d threads on 16 connections in %d s%n", QUERIES,
          THREADS, seconds);
      assertEquals(0, server.runtime().runningQueryCount());
    }
  }

  private static HikariConfig poolConfig(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(16);
    config.setMinimumIdle(16);
    config.setConnectionTimeout(60_000);
    config.setPoolName("salvo-load-test");
    return config;
  }

  private static void checkNation(Connection connection, long key, Map<Long, String> names)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT n_name FROM tpch.tiny.nation WHERE n_nationkey = " + key)) {
      assertTrue(result.next());
      assertEquals(names.get(key), result.getString(1));
      assertFalse(result.next());
    }
  }

  private static void checkSuppliers(Connection connection, long nation, long suppliers,
      long cents) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT count(*), sum(s_acctbal) FROM tpch.tiny.supplier WHERE s_nationkey = ?")) {
      statement.setLong(1, nation);
      try (ResultSet result = statement.executeQuery()) {
        assertTrue(result.next());
        assertEquals(suppliers, result.getLong(1));
        assertEquals(BigDecimal.valueOf(cents, 2), result.getBigDecimal(2));
      }
    }
  }

  private static void checkRegions(Connection connection, Map<Long, Long> expected)
      throws SQLException {
    Map<Long, Long> actual = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT n_regionkey, count(*)"
            + " FROM tpch.tiny.nation GROUP BY n_regionkey")) {
      while (result.next()) {
        actual.put(result.getLong(1), result.getLong(2));
      }
    }
    assertEquals(expected, actual);
  }
}
