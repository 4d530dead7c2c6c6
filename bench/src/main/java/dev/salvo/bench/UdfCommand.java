package dev.salvo.bench;

import dev.salvo.bench.udf.CpuWork;
import dev.salvo.bench.udf.InFlight;
import dev.salvo.bench.udf.PooledBatchIo;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salvo-bench udf}: the seeds' UDF concurrency table, reproduced through SQL on Salvo.
 * The UDF classes ({@code dev.salvo.bench.udf}) are packed into a jar that CREATE FUNCTION
 * registers with USING JAR; each function is then called once per input row.
 */
@Command(name = "udf", mixinStandardHelpOptions = true,
    description = "UDF concurrency: sequential, async, batch, class and CPU-bound UDFs in SQL.")
public final class UdfCommand implements Callable<Integer> {
  private static final String UDF_PACKAGE = "dev/salvo/bench/udf/";

  @Option(names = "--rows", split = ",", defaultValue = "100,10000",
      description = "Row counts of the I/O-bound table (default 100,10000).")
  List<Integer> rowCounts;

  @Option(names = "--cpu-rows", defaultValue = "200",
      description = "Rows of the CPU-bound comparison (default 200).")
  int cpuRows;

  @Option(names = "--data-dir", defaultValue = "bench/data",
      description = "Where the UDF jar and Salvo's data directory live.")
  Path dataDirectory;

  @Override
  public Integer call() throws Exception {
    Path directory = dataDirectory.resolve("udf");
    Files.createDirectories(directory);
    Path jar = packUdfJar(directory.resolve("salvo-bench-udfs.jar"));
    TpchScale tiny = new TpchScale(0.01, directory);
    try (SalvoHost salvo = SalvoHost.startWithoutTables(tiny, Map.of())) {
      String unavailable = createFunction(salvo, "bench_in_flight_peak(name VARCHAR)",
          InFlight.class.getName() + "#peakAndReset", "", jar);
      if (unavailable != null) {
        System.out.println("UDFs through SQL are not available in this build yet (CREATE FUNCTION"
            + " answered: " + unavailable + "). No UDF figures are reported.");
        return 3;
      }
      int cores = Runtime.getRuntime().availableProcessors();
      List<UdfCase> ioCases = List.of(
          new UdfCase("sequential (max_concurrency 1, batch_size 1)", "SimulatedIo#blocking",
              "max_concurrency = 1, batch_size = 1", 1, 10, "blocking"),
          asyncCase(16), asyncCase(64), asyncCase(256), asyncCase(1000),
          new UdfCase("batch UDF, thread pool of " + PooledBatchIo.THREADS, "PooledBatchIo#call",
              "batch_size = 1000", PooledBatchIo.THREADS, 10, "pooled"),
          statefulCase(4), statefulCase(16));
      System.out.println("UDF concurrency on Salvo through SQL; machine "
          + MachineDescription.describe());
      for (int rows : rowCounts) {
        System.out.println();
        System.out.println("I/O-bound: " + rows + " rows x 10 ms per call");
        printTable(salvo, jar, ioCases, rows);
      }
      System.out.println();
      System.out.println("CPU-bound: " + cpuRows + " rows x ~5 ms of arithmetic ("
          + CpuWork.ITERATIONS + " xorshift steps) per call, " + cores + " cores");
      printTable(salvo, jar, List.of(
          new UdfCase("row UDF in the engine (max_concurrency " + cores + ")", "CpuWork#call",
              "max_concurrency = " + cores, cores, 5, "cpu"),
          new UdfCase("row UDF, use_process (max_concurrency " + cores + ")", "CpuWork#call",
              "use_process = true, max_concurrency = " + cores, cores, 5, null)), cpuRows);
    }
    return 0;
  }

  private static UdfCase asyncCase(int concurrency) {
    return new UdfCase("async row UDF, max_concurrency " + concurrency, "SimulatedIo#async",
        "max_concurrency = " + concurrency, concurrency, 10, "async");
  }

  private static UdfCase statefulCase(int concurrency) {
    return new UdfCase("class UDF, max_concurrency " + concurrency, "StatefulIo#call",
        "max_concurrency = " + concurrency, concurrency, 10, "stateful");
  }

  private void printTable(SalvoHost salvo, Path jar, List<UdfCase> cases, int rows) {
    System.out.println("| UDF | Wall s | Speedup | Ideal s | Wall/ideal | Peak in flight | Cap |");
    System.out.println("|---|---|---|---|---|---|---|");
    double baseline = Double.NaN;
    for (int index = 0; index < cases.size(); index++) {
      UdfCase udf = cases.get(index);
      String name = "bench_udf_" + index;
      String failure = createFunction(salvo, name + "(x BIGINT)",
          "dev.salvo.bench.udf." + udf.target(), " WITH (" + udf.withClause() + ")", jar);
      if (failure != null) {
        System.out.println("| " + udf.label() + " | cannot create: " + failure + " |||||");
        continue;
      }
      String sql = "SELECT count(" + name + "(x)) FROM (SELECT o_orderkey AS x FROM"
          + " tpch.tiny.orders LIMIT %d)";
      try {
        salvo.execute(String.format(Locale.ROOT, sql, 10));
        peak(salvo, udf);
        Progress.say("UDF %s, %d rows ...", udf.label(), rows);
        String timed = String.format(Locale.ROOT, sql, rows);
        // Planned ahead, as a repeated statement is: the timing is the UDF's, not Calcite's.
        salvo.engine().compile(timed);
        long start = System.nanoTime();
        salvo.execute(timed);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (index == 0) {
          baseline = seconds;
        }
        double ideal = udf.idealMillis(rows) / 1000;
        long peak = peak(salvo, udf);
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.1fx | %.3f | %.2f | %s | %d |%n",
            udf.label(), seconds, baseline / seconds, ideal, seconds / ideal,
            peak < 0 ? "- (other process)" : peak + (peak > udf.concurrency() ? " OVER CAP" : ""),
            udf.concurrency());
      } catch (SalvoException e) {
        System.out.println("| " + udf.label() + " | failed: " + TpchBenchmark.describe(e)
            + " |||||");
      }
    }
  }

  private static long peak(SalvoHost salvo, UdfCase udf) {
    if (udf.counter() == null) {
      return -1;
    }
    Object value = salvo.execute("SELECT bench_in_flight_peak('" + udf.counter() + "')")
        .get(0).get(0);
    return ((Number) value).longValue();
  }

  /** Null when the function was created, else why not. */
  private static String createFunction(SalvoHost salvo, String signature, String target,
      String with, Path jar) {
    String name = signature.substring(0, signature.indexOf('('));
    try {
      salvo.execute("DROP FUNCTION IF EXISTS " + name);
    } catch (SalvoException e) {
      // Absent, or no DROP FUNCTION at all: CREATE below says which.
    }
    try {
      salvo.execute("CREATE FUNCTION " + signature + " RETURNS BIGINT LANGUAGE JAVA AS '"
          + target + "' USING JAR '" + jar.toAbsolutePath() + "'" + with);
      return null;
    } catch (SalvoException e) {
      return TpchBenchmark.describe(e);
    }
  }

  /** Packs the UDF classes, wherever the class path has them, into {@code jar}. */
  static Path packUdfJar(Path jar) throws IOException, URISyntaxException {
    Path source = Path.of(InFlight.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      if (Files.isDirectory(source)) {
        try (Stream<Path> classes = Files.walk(source.resolve(UDF_PACKAGE))) {
          for (Path path : classes.filter(Files::isRegularFile).toList()) {
            out.putNextEntry(new JarEntry(UDF_PACKAGE + path.getFileName()));
            Files.copy(path, out);
            out.closeEntry();
          }
        }
      } else {
        try (JarFile bench = new JarFile(source.toFile())) {
          List<JarEntry> entries = new ArrayList<>(bench.stream()
              .filter(entry -> entry.getName().startsWith(UDF_PACKAGE) && !entry.isDirectory())
              .toList());
          for (JarEntry entry : entries) {
            out.putNextEntry(new JarEntry(entry.getName()));
            try (InputStream in = bench.getInputStream(entry)) {
              in.transferTo(out);
            }
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}
