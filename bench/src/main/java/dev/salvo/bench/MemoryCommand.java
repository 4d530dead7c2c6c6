package dev.salvo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salvo-bench memory}: peak Java heap, peak Arrow allocation and process RSS while Salvo
 * runs TPC-H Q1 and Q9, sampled every few milliseconds in a process that holds no other engine.
 * Arrow allocation counts the mapped data-file bytes that batches in flight refer to.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Peak heap, Arrow allocation and RSS of Salvo on TPC-H Q1 and Q9.")
public final class MemoryCommand implements Callable<Integer> {
  private static final long SAMPLE_MILLIS = 2;

  @Option(names = "--scale", defaultValue = "1", description = "TPC-H scale factor (default 1).")
  double scale;

  @Option(names = "--queries", split = ",", defaultValue = "1,9", description = "Query numbers.")
  List<Integer> queries;

  @Option(names = "--data-dir", defaultValue = "bench/data",
      description = "Where generated data is cached between runs.")
  Path dataDirectory;

  @Override
  public Integer call() throws Exception {
    TpchScale tpch = new TpchScale(scale, dataDirectory);
    try (SalvoHost salvo = SalvoHost.start(tpch, Map.of())) {
      System.out.println("Salvo memory, TPC-H scale " + scale + "; " + salvo.storageNote());
      System.out.println("machine " + MachineDescription.describe());
      System.out.println();
      System.out.println("| Query | Time ms | Peak heap used MiB | Peak Arrow MiB | Peak RSS MiB"
          + " | Peak file-backed RSS MiB | RSS before MiB |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int query : queries) {
        String sql = TpchQueryText.sql(query, salvo.tablePrefix());
        salvo.execute(sql);
        System.gc();
        Peaks peaks = measure(salvo, sql);
        System.out.printf(Locale.ROOT, "| Q%d | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f |%n",
            query, peaks.millis, mebibytes(peaks.heap), mebibytes(peaks.arrow),
            mebibytes(peaks.rss), mebibytes(peaks.fileRss), mebibytes(peaks.rssBefore));
      }
    }
    return 0;
  }

  private record Peaks(double millis, long heap, long arrow, long rss, long fileRss,
      long rssBefore) {}

  private static Peaks measure(SalvoHost salvo, String sql) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    BufferAllocator allocator = salvo.engine().rootAllocator();
    AtomicLong heap = new AtomicLong();
    AtomicLong arrow = new AtomicLong();
    AtomicLong rss = new AtomicLong();
    AtomicLong fileRss = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    long rssBefore = residentSetBytes("VmRSS:");
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        arrow.accumulateAndGet(allocator.getAllocatedMemory(), Math::max);
        rss.accumulateAndGet(residentSetBytes("VmRSS:"), Math::max);
        fileRss.accumulateAndGet(residentSetBytes("RssFile:"), Math::max);
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "memory-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    salvo.execute(sql);
    double millis = (System.nanoTime() - start) / 1e6;
    running.set(false);
    sampler.join();
    return new Peaks(millis, heap.get(), arrow.get(), rss.get(), fileRss.get(), rssBefore);
  }

  /**
   * One resident-set figure of this process from /proc (Linux): {@code VmRSS:} all of it,
   * {@code RssFile:} the part that is mapped files (Salvo's data files scans read in place,
   * pages the kernel shares with its file cache); 0 where there is none.
   */
  static long residentSetBytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static double mebibytes(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
