package dev.salvo.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times every TPC-H query on one engine (warm-up runs, then timed runs) and keeps the first
 * answer of each query so that engines can be checked against each other afterwards.
 */
public final class TpchBenchmark {
  private final int warmupPasses;
  private final int warmups;
  private final int runs;
  private final List<Integer> queries;
  private final long timeoutSeconds;

  /**
   * {@code warmupPasses} untimed passes over all queries come first; then each query has
   * {@code warmups} untimed and {@code runs} timed runs. A run that fails or takes longer than
   * {@code timeoutSeconds} ends that engine's runs of the query, in a pass or in its own runs.
   */
  public TpchBenchmark(int warmupPasses, int warmups, int runs, List<Integer> queries,
      long timeoutSeconds) {
    if (runs < 1 || warmups < 0 || warmupPasses < 0) {
      throw new IllegalArgumentException("need at least one timed run and no negative warm-up");
    }
    this.warmupPasses = warmupPasses;
    this.warmups = warmups;
    this.runs = runs;
    this.queries = List.copyOf(queries);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** What one engine did: a measurement and (when it ran) an answer per query. */
  public record EngineRun(List<Measurement> measurements, Map<Integer, List<List<Object>>> answers) {}

  public EngineRun run(BenchEngine engine) {
    // A query that fails or times out in a pass is not run again: repeating a 30 s timeout in
    // every pass would make passes over a slow engine take many minutes for nothing.
    Map<Integer, String> failures = new HashMap<>();
    for (int pass = 1; pass <= warmupPasses; pass++) {
      for (int query : queries) {
        if (failures.containsKey(query)) {
          continue;
        }
        try {
          long start = System.nanoTime();
          runWithTimeout(engine, engine.queryText(query));
          Progress.say("%s Q%d warm-up pass %d/%d: %.1f ms", engine.name(), query, pass,
              warmupPasses, (System.nanoTime() - start) / 1e6);
        } catch (Exception | OutOfMemoryError e) {
          failures.put(query, describe(e) + " (warm-up pass " + pass + ")");
          Progress.say("%s Q%d warm-up pass %d/%d: %s", engine.name(), query, pass,
              warmupPasses, failures.get(query));
        }
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    Map<Integer, List<List<Object>>> answers = new HashMap<>();
    for (int query : queries) {
      if (failures.containsKey(query)) {
        measurements.add(new Measurement(engine.name(), query, List.of(), 0, failures.get(query),
            null));
        continue;
      }
      String sql = engine.queryText(query);
      List<Double> times = new ArrayList<>();
      List<List<Object>> answer = null;
      String error = null;
      try {
        for (int run = 0; run < warmups + runs; run++) {
          long start = System.nanoTime();
          List<List<Object>> rows = runWithTimeout(engine, sql);
          double millis = (System.nanoTime() - start) / 1e6;
          if (answer == null) {
            answer = rows;
          }
          if (run >= warmups) {
            times.add(millis);
          }
          Progress.say("%s Q%d %s %d/%d: %.1f ms, %d rows", engine.name(), query,
              run < warmups ? "warm-up" : "run", run < warmups ? run + 1 : run - warmups + 1,
              run < warmups ? warmups : runs, millis, rows.size());
        }
      } catch (Exception | OutOfMemoryError e) {
        error = describe(e);
        Progress.say("%s Q%d cannot run: %s", engine.name(), query, error);
        times.clear();
        answer = null;
      }
      if (answer != null) {
        answers.put(query, answer);
      }
      measurements.add(new Measurement(engine.name(), query, times,
          answer == null ? 0 : answer.size(), error, null));
    }
    return new EngineRun(measurements, answers);
  }

  /**
   * Runs one query on a daemon thread and gives up after the timeout. An engine that ignores
   * interruption (Calcite's Enumerable joins do) keeps that thread busy until it finishes, which
   * the report's note on timeouts says.
   */
  private List<List<Object>> runWithTimeout(BenchEngine engine, String sql) throws Exception {
    FutureTask<List<List<Object>>> task = new FutureTask<>(() -> engine.run(sql));
    Thread thread = new Thread(task, "bench-" + engine.name());
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new TimeoutException("timed out after " + timeoutSeconds + " s");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The exception's class and the message of its deepest cause, on one line. */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message).strip();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
