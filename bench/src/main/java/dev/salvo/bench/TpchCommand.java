package dev.salvo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code salvo-bench tpch}: the 22 TPC-H queries on Salvo, DuckDB and Calcite, side by side. */
@Command(name = "tpch", mixinStandardHelpOptions = true,
    description = "TPC-H on Salvo (embedded and JDBC), DuckDB and Calcite's Enumerable engine.")
public final class TpchCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "1", description = "TPC-H scale factor (default 1).")
  double scale;

  @Option(names = "--warmups", defaultValue = "1", description = "Untimed runs per query.")
  int warmups;

  @Option(names = "--warmup-passes", defaultValue = "0",
      description = "Untimed passes over all the queries on each engine before its first query"
          + " is timed, so that a JVM engine's compiler has seen every query (default 0).")
  int warmupPasses;

  @Option(names = "--runs", defaultValue = "3", description = "Timed runs per query.")
  int runs;

  @Option(names = "--timeout", defaultValue = "300",
      description = "Seconds one run of one query may take before the engine's remaining runs"
          + " of it are skipped (default 300).")
  long timeoutSeconds;

  @Option(names = "--engines", split = ",", defaultValue = "salvo,salvo-jdbc,duckdb,calcite",
      description = "Engines to run: salvo, salvo-jdbc, duckdb, calcite.")
  List<String> engines;

  @Option(names = "--queries", split = ",", description = "Query numbers (default all 22).")
  List<Integer> queries;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A server setting for Salvo, as in conf/salvo.properties, e.g."
          + " --set exec.batch-size=8192; repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--data-dir", defaultValue = "bench/data",
      description = "Where generated data is cached between runs.")
  Path dataDirectory;

  @Option(names = "--out", defaultValue = "bench/results",
      description = "Where tpch-<scale>.json and .png are written.")
  Path outputDirectory;

  @Override
  public Integer call() throws Exception {
    List<Integer> numbers = queries == null || queries.isEmpty() ? TpchQueryText.NUMBERS : queries;
    TpchScale tpch = new TpchScale(scale, dataDirectory);
    TpchBenchmark benchmark = new TpchBenchmark(warmupPasses, warmups, runs, numbers,
        timeoutSeconds);
    List<String> names = new ArrayList<>();
    List<Measurement> measurements = new ArrayList<>();
    Map<String, Map<Integer, List<List<Object>>>> answers = new LinkedHashMap<>();
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("machine", MachineDescription.describe());
    setup.put("scale", scale);
    setup.put("warmupPasses", warmupPasses);
    setup.put("warmups", warmups);
    setup.put("runs", runs);
    setup.put("salvoSettings", settings);
    Progress.say("TPC-H scale %s: engines %s, queries %s, %d warm-up pass(es) over all, then %d"
        + " warm-up + %d timed runs each", scale, engines, numbers, warmupPasses, warmups, runs);
    try (SalvoHost salvo = SalvoHost.start(tpch, settings)) {
      setup.put("salvoStorage", salvo.storageNote());
      setup.put("salvoParallelism", salvo.engine().config().parallelism());
      for (String engine : engines) {
        try (BenchEngine opened = open(engine.strip(), tpch, salvo)) {
          Progress.say("Running %s", opened.name());
          TpchBenchmark.EngineRun run = benchmark.run(opened);
          names.add(opened.name());
          measurements.addAll(run.measurements());
          answers.put(opened.name(), run.answers());
        }
      }
    }
    List<Measurement> checked = checkAnswers(measurements, answers);
    TpchReport report = new TpchReport(setup, names, numbers, checked);
    String label = "tpch-sf" + tpch.schemaName().substring(2);
    Path json = outputDirectory.resolve(label + ".json");
    Path chart = outputDirectory.resolve(label + ".png");
    report.writeJson(json);
    report.writeChart(chart, "TPC-H scale " + scale + ": median of " + runs + " runs");
    System.out.println();
    System.out.println("TPC-H scale factor " + scale + ", " + warmups + " warm-up + " + runs
        + " timed runs, medians in ms; machine " + setup.get("machine"));
    System.out.println("Storage: " + setup.get("salvoStorage"));
    System.out.println();
    System.out.print(report.table());
    System.out.println();
    System.out.println("Written: " + json + ", " + chart);
    return 0;
  }

  private static BenchEngine open(String engine, TpchScale tpch, SalvoHost salvo)
      throws Exception {
    long start = System.nanoTime();
    BenchEngine opened = switch (engine) {
      case "salvo" -> new SalvoEmbeddedEngine(salvo);
      case "salvo-jdbc" -> new SalvoJdbcEngine(salvo);
      case "duckdb" -> DuckDbEngine.open(tpch, salvo);
      case "calcite" -> CalciteEngine.load(salvo);
      default -> throw new IllegalArgumentException("Unknown engine " + engine
          + "; expected salvo, salvo-jdbc, duckdb or calcite");
    };
    Progress.say("%s ready in %d ms", opened.name(), Progress.millisSince(start));
    return opened;
  }

  /**
   * Checks every answer against DuckDB's (or, without DuckDB, Salvo's embedded one): the
   * reference engine's own measurements say "reference".
   */
  static List<Measurement> checkAnswers(List<Measurement> measurements,
      Map<String, Map<Integer, List<List<Object>>>> answers) {
    String reference = answers.containsKey(TpchReport.DUCKDB) ? TpchReport.DUCKDB
        : answers.keySet().stream().findFirst().orElse(null);
    List<Measurement> checked = new ArrayList<>();
    for (Measurement measurement : measurements) {
      if (!measurement.ran()) {
        checked.add(measurement);
        continue;
      }
      if (measurement.engine().equals(reference)) {
        checked.add(measurement.withAnswerCheck("reference"));
        continue;
      }
      List<List<Object>> expected = answers.get(reference).get(measurement.query());
      if (expected == null) {
        checked.add(measurement.withAnswerCheck("no reference answer"));
        continue;
      }
      String difference = AnswerComparison.difference(expected,
          answers.get(measurement.engine()).get(measurement.query()));
      checked.add(measurement.withAnswerCheck(difference == null ? "same"
          : "differs from " + reference + ": " + difference));
    }
    return checked;
  }
}
