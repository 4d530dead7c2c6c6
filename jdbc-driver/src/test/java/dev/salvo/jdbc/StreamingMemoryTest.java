package dev.salvo.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result of more than 10 million rows streams to a JDBC client while the server's Arrow
 * memory, sampled throughout, stays far below the size of the result: the server sends batch
 * by batch and never holds the whole result.
 */
class StreamingMemoryTest {
  private static final long ROWS = 10_000_000;
  /** Generous: a few dozen batches in flight, against a result of over 300 MB. */
  private static final long MEMORY_BOUND_BYTES = 128L << 20;

  @TempDir
  Path installDirectory;

  @Test
  void tenMillionRowsStreamInBoundedServerMemory() throws Exception {
    // lineitem has about 6 million rows per unit of scale factor: 1.7 gives just over 10
    // million, generated on the fly.
    try (TestServer server = TestServer.start(installDirectory,
        Map.of("tpch.schemas", "big=1.7", "exec.parallelism", "2"))) {
      AtomicLong peak = new AtomicLong();
      AtomicBoolean reading = new AtomicBoolean(true);
      Thread sampler = new Thread(() -> {
        while (reading.get()) {
          peak.accumulateAndGet(server.runtime().allocatedArrowBytes(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "arrow-memory-sampler");
      sampler.start();
      long rows = 0;
      long checksum = 0;
      long started = System.nanoTime();
      try (Connection connection = DriverManager.getConnection(server.salvoUrl());
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT l_orderkey, l_partkey,"
              + " l_extendedprice, l_shipdate FROM tpch.big.lineitem")) {
        while (result.next()) {
          rows++;
          checksum += result.getLong(1);
        }
      } finally {
        reading.set(false);
        sampler.join();
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      long resultBytes = rows * (8 + 8 + 16 + 4);
      assertTrue(rows >= ROWS, "only " + rows + " rows");
      assertTrue(checksum > 0);
      assertTrue(peak.get() > 0, "the sampler saw no Arrow memory at all");
      assertTrue(peak.get() < MEMORY_BOUND_BYTES, "server Arrow memory peaked at "
          + (peak.get() >> 20) + " MB while streaming " + (resultBytes >> 20) + " MB");
      assertTrue(resultBytes > 2 * MEMORY_BOUND_BYTES);
      System.out.printf("Streamed %d rows (%d MB) in %d s; server Arrow memory peak %d MB%n",
          rows, resultBytes >> 20, seconds, peak.get() >> 20);
    }
  }
}
