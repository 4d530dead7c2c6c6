package dev.salvo.server;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.SalvoEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one small query in the background right after start, so that the first user's query does
 * not pay the one-off cost of loading and generating the planner's code (seconds on a small
 * machine). It reads no table, so it depends on nothing the configuration may leave out.
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
    try (ResultStream result = engine.execute(QUERY)) {
      Batch batch;
      while ((batch = result.next()) != null) {
        batch.close();
      }
      LOG.debug("Planner warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      // Only the first query's speed is at stake: say so and carry on.
      LOG.warn("Planner warm-up query failed: {}", e.toString());
    }
  }
}
