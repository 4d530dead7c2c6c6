package dev.salvo.server;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.sql.catalog.SalvoCatalog;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs small queries in the background right after start, so that the first user's query does
 * not pay one-off costs: loading and generating the planner's code, and the TPC-H generator's
 * shared text pool (seconds each on a small machine). The first reads no table, so it depends
 * on nothing the configuration may leave out; the second runs only where a TPC-H schema is.
 */
final class PlannerWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerWarmUp.class);

  /** Joins, filters, groups and sorts: what a typical query makes the planner and executor do. */
  static final String QUERY = "SELECT t.k, count(*), sum(t.v) FROM (VALUES (1, 2.5, 'a'),"
      + " (2, 3.5, 'b'), (1, 4.0, 'c')) AS t(k, v, s) JOIN (VALUES (1), (2)) AS u(k)"
      + " ON t.k = u.k WHERE t.s <> 'z' GROUP BY t.k ORDER BY t.k";

  private PlannerWarmUp() {}

  /** Starts the warm-up query on a daemon thread and returns that thread. */
  static Thread startInBackground(SalvoEngine engine) {
    Thread thread = new Thread(() -> run(engine), "salvo-planner-warm-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void run(SalvoEngine engine) {
    long start = System.nanoTime();
    drain(engine, QUERY);
    engine.catalog().schemaNames().getOrDefault(SalvoCatalog.TPCH_CATALOG, List.of()).stream()
        .findFirst().ifPresent(schema -> drain(engine, "SELECT count(*) FROM "
            + SalvoCatalog.TPCH_CATALOG + "." + schema + ".nation WHERE n_comment <> ''"));
    LOG.debug("Warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  private static void drain(SalvoEngine engine, String sql) {
    try (ResultStream result = engine.execute(sql)) {
      Batch batch;
      while ((batch = result.next()) != null) {
        batch.close();
      }
    } catch (RuntimeException e) {
      // Only the first query's speed is at stake: say so and carry on.
      LOG.warn("Warm-up query failed: {}", e.toString());
    }
  }
}
