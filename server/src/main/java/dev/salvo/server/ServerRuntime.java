package dev.salvo.server;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.ByteSize;
import dev.salvo.server.config.DurationText;
import dev.salvo.server.config.ServerConfig;
import dev.salvo.server.flightsql.FlightSqlEndpoint;
import dev.salvo.server.http.HttpApiServer;
import dev.salvo.server.http.JsonPageEncoder;
import dev.salvo.server.query.EngineStatementExecutor;
import dev.salvo.server.query.QueriesTable;
import dev.salvo.server.query.QueryManager;
import dev.salvo.server.query.RunningQueries;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Salvo server: the engine, the statements running on it, and the HTTP API and the
 * JDBC (Arrow Flight SQL) endpoint in front, started together and stopped together in the order
 * that loses no resources.
 */
public final class ServerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  private final SalvoEngine engine;
  private final QueryManager queries;
  private final RunningQueries flightQueries;
  private final HttpApiServer http;
  private final FlightSqlEndpoint flight;
  private volatile Thread warmUp;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ServerRuntime(SalvoEngine engine, QueryManager queries, RunningQueries flightQueries,
      HttpApiServer http, FlightSqlEndpoint flight) {
    this.engine = engine;
    this.queries = queries;
    this.flightQueries = flightQueries;
    this.http = http;
    this.flight = flight;
  }

  /**
   * Creates the data directory, starts the engine and starts listening.
   *
   * @param installDirectory what a relative {@code data.dir} is taken against
   * @throws SalvoException INVALID_CONFIGURATION when the data directory cannot be created or
   *     the HTTP or Flight SQL address cannot be listened on
   */
  public static ServerRuntime start(ServerConfig config, Path installDirectory) {
    Path dataDirectory = config.resolveDataDirectory(installDirectory);
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION,
          "Cannot create data.dir " + dataDirectory + ": " + e, e);
    }
    // system.queries reads the query manager, which needs the engine: the table looks the
    // manager up when a query scans it, by which time it exists. The UDF runtime is one per
    // server, so that every function's caps hold server-wide.
    AtomicReference<QueryManager> managerRef = new AtomicReference<>();
    SalvoEngine engine = new SalvoEngine(config.toEngineConfig(dataDirectory),
        new UdfRuntime(UdfRuntimeSettings.DEFAULTS.withGpuInventory(config.gpuInventory())),
        Map.of(QueriesTable.NAME, QueriesTable.source(() -> {
          QueryManager current = managerRef.get();
          return current == null ? List.of() : current.list();
        })));
    QueryManager queries = null;
    RunningQueries flightQueries = null;
    try {
      ServerConfig.QueryLimits limits = config.queryLimits();
      queries = new QueryManager(new EngineStatementExecutor(engine),
          QueryManager.Settings.of(limits.maxRunning(), limits.maxQueued(),
              limits.resultBufferBytes(), limits.maxResultBytes(), limits.resultExpiry(),
              limits.clientTimeout(), limits.historySize()), new JsonPageEncoder());
      managerRef.set(queries);
      HttpApiServer http = new HttpApiServer(config.httpHost(), config.httpPort(),
          config.httpMaxRequestBytes(), queries, config.memoryMaxBytes());
      // Flight SQL statements are tracked apart from the HTTP API's queries so that stopping
      // cancels them too; sessions there last as long as the client's connection.
      flightQueries = new RunningQueries(new EngineStatementExecutor(engine));
      FlightSqlEndpoint flight = FlightSqlEndpoint.start(config.httpHost(), config.flightPort(),
          flightQueries, engine.catalog(), engine.rootAllocator(), ServerVersion.current());
      try {
        http.start();
      } catch (RuntimeException e) {
        flight.close();
        throw e;
      }
      LOG.info("Data directory {}; memory {} in all, {} per query; parallelism {}, batches of {}"
          + " rows; TPC-H schemas {}", dataDirectory, ByteSize.format(config.memoryMaxBytes()),
          ByteSize.format(config.queryMaxMemoryBytes()), config.parallelism(),
          config.batchSize(), config.tpchSchemas());
      LOG.info("UDF runtime: {} GPU(s); {} function(s) loaded",
          engine.functions().runtime().gpuInventory().deviceCount(),
          engine.functions().list().size());
      LOG.info("Queries: {} running, {} queued at most; results buffered up to {} per query,"
          + " kept {} after the last request; abandoned after {}", limits.maxRunning(),
          limits.maxQueued(), ByteSize.format(limits.resultBufferBytes()),
          DurationText.format(limits.resultExpiry()), DurationText.format(limits.clientTimeout()));
      ServerRuntime runtime = new ServerRuntime(engine, queries, flightQueries, http, flight);
      runtime.warmUp = PlannerWarmUp.startInBackground(engine);
      return runtime;
    } catch (RuntimeException e) {
      if (queries != null) {
        queries.shutDown();
      }
      if (flightQueries != null) {
        flightQueries.shutDown();
      }
      engine.close();
      throw e;
    }
  }

  /** Statements whose results are still open, over every front end. */
  public int runningQueryCount() {
    return queries.activeCount() + flightQueries.runningCount();
  }

  /** The engine behind every front end, for callers in the same process (benchmarks, tools). */
  public SalvoEngine engine() {
    return engine;
  }

  /** The port JDBC (Arrow Flight SQL) clients connect to. */
  public int flightPort() {
    return flight.port();
  }

  /** Arrow memory held by the engine's queries and the JDBC endpoint together. */
  public long allocatedArrowBytes() {
    return engine.rootAllocator().getAllocatedMemory();
  }

  /** The HTTP API's base address. */
  public URI httpUri() {
    return http.uri();
  }

  /**
   * Stops accepting statements, cancels the running ones, stops the HTTP server and closes the
   * engine with its memory. Safe to call more than once and from any thread.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      awaitStop();
      return;
    }
    try {
      LOG.info("Stopping: cancelling {} queued and running queries", queries.activeCount());
      queries.shutDown();
      flightQueries.shutDown();
      try {
        flight.close();
      } finally {
        try {
          http.stop();
        } finally {
          awaitWarmUp();
          engine.close();
        }
      }
      LOG.info("Salvo stopped");
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Waits (up to 30 s) for the background warm-up started with the server to end: the warm-up
   * query runs on the engine, so it must end before the engine's memory closes, and a benchmark
   * waits for it so that timed queries do not share the cores with it.
   */
  public void awaitWarmUp() {
    Thread thread = warmUp;
    if (thread == null) {
      return;
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitStop() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
