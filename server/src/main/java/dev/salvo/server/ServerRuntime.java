package dev.salvo.server;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.ByteSize;
import dev.salvo.server.config.ServerConfig;
import dev.salvo.server.flightsql.FlightSqlEndpoint;
import dev.salvo.server.http.HttpApiServer;
import dev.salvo.server.query.EngineStatementExecutor;
import dev.salvo.server.query.RunningQueries;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final RunningQueries queries;
  private final HttpApiServer http;
  private final FlightSqlEndpoint flight;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ServerRuntime(SalvoEngine engine, RunningQueries queries, HttpApiServer http,
      FlightSqlEndpoint flight) {
    this.engine = engine;
    this.queries = queries;
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
    // The UDF runtime is one per server, so that every function's caps hold server-wide.
    SalvoEngine engine = new SalvoEngine(config.toEngineConfig(dataDirectory),
        new UdfRuntime(UdfRuntimeSettings.DEFAULTS.withGpuInventory(config.gpuInventory())));
    try {
      RunningQueries queries = new RunningQueries(new EngineStatementExecutor(engine));
      HttpApiServer http = new HttpApiServer(config.httpHost(), config.httpPort(),
          config.httpMaxRequestBytes(), queries);
      FlightSqlEndpoint flight = FlightSqlEndpoint.start(config.httpHost(), config.flightPort(),
          queries, engine.catalog(), engine.rootAllocator(), ServerVersion.current());
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
      return new ServerRuntime(engine, queries, http, flight);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** Statements whose results are still open, over every front end. */
  public int runningQueryCount() {
    return queries.runningCount();
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
      LOG.info("Stopping: cancelling {} running statement(s)", queries.runningCount());
      queries.shutDown();
      try {
        flight.close();
      } finally {
        try {
          http.stop();
        } finally {
          engine.close();
        }
      }
      LOG.info("Salvo stopped");
    } finally {
      stopped.countDown();
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
