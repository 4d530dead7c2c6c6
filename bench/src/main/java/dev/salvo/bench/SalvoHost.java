package dev.salvo.bench;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.ServerRuntime;
import dev.salvo.server.config.ServerConfig;
import dev.salvo.sql.SalvoEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process Salvo server (engine plus JDBC endpoint) holding one TPC-H scale. The rows live
 * in Salvo's own durable tables ({@code bench_sfN.*}, made once with CREATE TABLE AS SELECT and
 * kept in the data directory) when this build has them; otherwise queries read the built-in
 * {@code tpch} catalog, which generates the rows again on every scan, and {@link #storageNote()}
 * says so.
 */
public final class SalvoHost implements AutoCloseable {
  private final ServerRuntime server;
  private final TpchScale scale;
  private String tablePrefix;
  private String storageNote;

  private SalvoHost(ServerRuntime server, TpchScale scale) {
    this.server = server;
    this.scale = scale;
  }

  /** Starts the server on free ports, then finds or makes the stored tables. */
  public static SalvoHost start(TpchScale scale, Map<String, String> settings) {
    SalvoHost host = startWithoutTables(scale, settings);
    try {
      host.prepareTables();
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
    return host;
  }

  /** Starts the server on free ports; queries read the generated {@code tpch} catalog. */
  public static SalvoHost startWithoutTables(TpchScale scale, Map<String, String> settings) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("http.port", "0");
    overrides.put("flight.port", "0");
    overrides.put("data.dir", scale.salvoDataDirectory().toAbsolutePath().toString());
    overrides.put("tpch.schemas", "tiny=0.01," + scale.schemaName() + "=" + scale.factor());
    overrides.putAll(settings);
    long start = System.nanoTime();
    ServerRuntime server = ServerRuntime.start(ServerConfig.load(null, overrides),
        scale.dataDirectory());
    // The server warms its planner and the TPC-H text pool in the background; timed runs
    // should not share the two cores with that.
    server.awaitWarmUp();
    Progress.say("Salvo server started and warmed up in %d ms (JDBC port %d)",
        Progress.millisSince(start), server.flightPort());
    SalvoHost host = new SalvoHost(server, scale);
    host.tablePrefix = "tpch." + scale.schemaName() + ".";
    host.storageNote = "Salvo reads the generated tpch catalog";
    return host;
  }

  public SalvoEngine engine() {
    return server.engine();
  }

  public String jdbcUrl() {
    return "jdbc:salvo://localhost:" + server.flightPort();
  }

  /** What query texts put before a table name: {@code bench_sf1.} or {@code tpch.sf1.}. */
  public String tablePrefix() {
    return tablePrefix;
  }

  /** One sentence on where Salvo's rows come from, for the report. */
  public String storageNote() {
    return storageNote;
  }

  /** Runs any statement to its end and returns its rows. */
  public List<List<Object>> execute(String sql) {
    return ResultRows.of(engine().execute(sql));
  }

  private void prepareTables() {
    String schema = "bench_" + scale.schemaName();
    String generated = "tpch." + scale.schemaName() + ".";
    if (allStored(schema)) {
      tablePrefix = schema + ".";
      storageNote = "Salvo reads its own stored tables (" + schema + ".*, Arrow files in its"
          + " data directory, made earlier with CREATE TABLE AS SELECT)";
      Progress.say("Salvo: stored tables %s.* found in the data directory", schema);
      return;
    }
    try {
      execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    } catch (SalvoException e) {
      tablePrefix = generated;
      storageNote = "Salvo has no durable tables in this build (CREATE SCHEMA: "
          + firstLine(e.getMessage()) + "), so it reads the built-in tpch catalog, which"
          + " GENERATES the rows again on every scan: its times include data generation";
      Progress.say("Salvo: %s", storageNote);
      return;
    }
    for (String table : TpchQueryText.TABLES) {
      long start = System.nanoTime();
      Progress.say("Salvo: CREATE TABLE %s.%s AS SELECT * FROM %s%s ...", schema, table,
          generated, table);
      execute("DROP TABLE IF EXISTS " + schema + "." + table);
      execute("CREATE TABLE " + schema + "." + table + " AS SELECT * FROM " + generated + table);
      Progress.say("Salvo: %s.%s stored in %d ms", schema, table, Progress.millisSince(start));
    }
    tablePrefix = schema + ".";
    storageNote = "Salvo reads its own stored tables (" + schema + ".*, Arrow files in its data"
        + " directory, made with CREATE TABLE AS SELECT from the generated tpch catalog)";
  }

  /** True when every table was stored by an earlier run (lineitem last, so it marks the end). */
  private boolean allStored(String schema) {
    for (String table : TpchQueryText.TABLES) {
      try {
        execute("SELECT count(*) FROM " + schema + "." + table);
      } catch (SalvoException e) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  @Override
  public void close() {
    server.stop();
  }
}
