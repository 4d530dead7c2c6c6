package dev.salvo.sql.hint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.udf.runtime.UdfJars;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REPARTITION and INTO_BATCHES as a user-defined function sees them: the UDF records what each
 * of its calls receives, and SQL reads the record back.
 */
class HintsSeenByUdfsTest {
  /**
   * A batch UDF that numbers its calls and records, per key, the calls that saw it, plus the
   * rows per call. Above {@code REPARTITION(n, k), INTO_BATCHES(more rows than any partition
   * holds)} each driver reads one partition and re-chunks all of it into one batch, so one call
   * is one partition: a key seen by two calls reached two partitions.
   */
  private static final Map<String, String> SOURCES = Map.of("acme.CallRecorder", """
      package acme;
      import java.util.Set;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.atomic.AtomicLong;
      import org.apache.arrow.vector.BigIntVector;
      import org.apache.arrow.vector.FieldVector;
      import dev.salvo.udf.api.UdfContext;
      public class CallRecorder {
        static final AtomicLong CALLS = new AtomicLong();
        static final AtomicLong ROWS = new AtomicLong();
        static final AtomicLong MOST_ROWS = new AtomicLong();
        static final ConcurrentHashMap<Long, Set<Long>> CALLS_BY_KEY = new ConcurrentHashMap<>();

        public static FieldVector call(BigIntVector keys) {
          long call = CALLS.incrementAndGet();
          int rows = keys.getValueCount();
          ROWS.addAndGet(rows);
          MOST_ROWS.accumulateAndGet(rows, Math::max);
          BigIntVector out = new BigIntVector("out", UdfContext.current().allocator());
          out.allocateNew(rows);
          for (int i = 0; i < rows; i++) {
            CALLS_BY_KEY.computeIfAbsent(keys.get(i), k -> ConcurrentHashMap.newKeySet()).add(call);
            out.set(i, call);
          }
          out.setValueCount(rows);
          return out;
        }

        public static Long get(String name) {
          return switch (name) {
            case "calls" -> CALLS.get();
            case "rows" -> ROWS.get();
            case "most_rows" -> MOST_ROWS.get();
            case "keys" -> (long) CALLS_BY_KEY.size();
            case "keys_in_several_calls" ->
                CALLS_BY_KEY.values().stream().filter(calls -> calls.size() > 1).count();
            default -> throw new IllegalArgumentException("no figure " + name);
          };
        }

        public static Long reset(String ignored) {
          CALLS.set(0);
          ROWS.set(0);
          MOST_ROWS.set(0);
          CALLS_BY_KEY.clear();
          return 0L;
        }
      }
      """);

  @TempDir
  static Path workDirectory;
  static String jar;

  private SalvoEngine engine;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UdfJars.build(workDirectory, SOURCES).toString();
  }

  @BeforeEach
  void startEngine() {
    engine = new SalvoEngine(EngineConfig.defaults().withParallelism(4).withBatchSize(1000)
        .withTpchSchemas(Map.of("tiny", 0.01)), new UdfRuntime(UdfRuntimeSettings.DEFAULTS));
    run("CREATE FUNCTION record_call(k BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.CallRecorder' USING JAR '" + jar + "'", QueryOptions.DEFAULTS);
    run("CREATE FUNCTION record_capped(k BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.CallRecorder' USING JAR '" + jar + "' WITH (batch_size = 30)",
        QueryOptions.DEFAULTS);
    run("CREATE FUNCTION recorded(name VARCHAR) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.CallRecorder#get' USING JAR '" + jar + "'", QueryOptions.DEFAULTS);
    run("CREATE FUNCTION reset_record(name VARCHAR) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.CallRecorder#reset' USING JAR '" + jar + "'", QueryOptions.DEFAULTS);
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  /** Runs {@code sql} and answers how many rows it returned. */
  private long run(String sql, QueryOptions options) {
    long rows = 0;
    try (ResultStream stream = engine.execute(sql, options)) {
      for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
        rows += batch.rowCount();
        batch.close();
      }
    }
    return rows;
  }

  /** Runs {@code sql} with a fresh record and answers the row count it returned. */
  private long runRecorded(String sql, QueryOptions options) {
    run("SELECT reset_record('all')", QueryOptions.DEFAULTS);
    return run(sql, options);
  }

  private long recorded(String figure) {
    try (ResultStream stream = engine.execute("SELECT recorded('" + figure + "')")) {
      try (Batch batch = stream.next()) {
        return ((Number) VectorValues.get(batch.column(0), 0)).longValue();
      }
    }
  }

  @Test
  void repartitionByKeySendsEveryKeyToExactlyOnePartition() {
    long rows = runRecorded("SELECT /*+ REPARTITION(8, l_suppkey), INTO_BATCHES(100000) */"
        + " record_call(l_suppkey) FROM tpch.tiny.lineitem", QueryOptions.DEFAULTS);

    assertEquals(60175, rows);
    assertEquals(60175, recorded("rows"));
    assertEquals(100, recorded("keys"), "tpch.tiny has 100 suppliers");
    long calls = recorded("calls");
    // One call per non-empty partition: more than one (rows were spread), at most eight.
    assertTrue(calls >= 2 && calls <= 8, "calls: " + calls);
    assertEquals(0, recorded("keys_in_several_calls"), "a key reached two partitions");
  }

  @Test
  void roundRobinRepartitionSpreadsKeysSoTheRecordCanTellPartitionsApart() {
    // The control for the test above: without keys, a supplier's rows land in several
    // partitions, and the same record shows it.
    runRecorded("SELECT /*+ REPARTITION(8), INTO_BATCHES(100000) */"
        + " record_call(l_suppkey) FROM tpch.tiny.lineitem", QueryOptions.DEFAULTS);

    assertEquals(8, recorded("calls"), "round robin fills every partition");
    assertEquals(100, recorded("keys_in_several_calls"));
  }

  @Test
  void intoBatchesSplitsBigBatchesSoNoCallSeesMoreThanItsRows() {
    // Scans produce batches of 1000 rows; the hint cuts them into batches of 100.
    long rows = runRecorded("SELECT /*+ INTO_BATCHES(100) */ record_call(o_orderkey)"
        + " FROM tpch.tiny.orders", QueryOptions.DEFAULTS);

    assertEquals(15000, rows);
    assertEquals(100, recorded("most_rows"));
    assertCallsAbout(150, recorded("calls"));
  }

  @Test
  void intoBatchesGathersSmallBatchesAsATableHintToo() {
    // Batches of 37 rows would mean 406 calls; gathered into batches of 100 they are about 150.
    long rows = runRecorded("SELECT record_call(o_orderkey)"
        + " FROM tpch.tiny.orders /*+ INTO_BATCHES(100) */",
        QueryOptions.DEFAULTS.withBatchSize(37));

    assertEquals(15000, rows);
    assertEquals(100, recorded("most_rows"));
    assertCallsAbout(150, recorded("calls"));
  }

  @Test
  void theFunctionsOwnBatchSizeStillCapsEachCall() {
    runRecorded("SELECT /*+ INTO_BATCHES(100) */ record_capped(o_orderkey)"
        + " FROM tpch.tiny.orders", QueryOptions.DEFAULTS);

    assertEquals(30, recorded("most_rows"));
    // Each batch of 100 rows becomes calls of 30, 30, 30 and 10: about 600 calls, where
    // batches of 1000 rows cut by batch_size alone would make 510. Each driver's last,
    // smaller batch moves the count a little either way.
    long calls = recorded("calls");
    assertTrue(calls >= 590 && calls <= 600 + 4 * 4, "calls: " + calls);
  }

  /**
   * {@code expected} calls of exactly the hint's rows, plus at most one smaller call per driver
   * (four here) for the rows left at its end.
   */
  private static void assertCallsAbout(long expected, long calls) {
    assertTrue(calls >= expected && calls <= expected + 4,
        "expected about " + expected + " calls, got " + calls);
  }
}
