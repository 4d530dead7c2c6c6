package dev.salvo.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.ByteSize;
import dev.salvo.server.config.ServerConfig;
import dev.salvo.server.http.HttpApiServer;
import dev.salvo.server.query.EngineStatementExecutor;
import dev.salvo.server.query.RunningQueries;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.sql.function.FunctionRegistry;
import dev.salvo.sql.function.JdbcFunctionStore;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Salvo server: the engine, the statements running on it and the HTTP API in front,
 * started together and stopped together in the order that loses no resources.
 */
public final class ServerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  private final SalvoEngine engine;
  private final HikariDataSource catalogStore;
  private final RunningQueries queries;
  private final HttpApiServer http;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ServerRuntime(SalvoEngine engine, HikariDataSource catalogStore, RunningQueries queries,
      HttpApiServer http) {
    this.engine = engine;
    this.catalogStore = catalogStore;
    this.queries = queries;
    this.http = http;
  }

  /**
   * Creates the data directory, starts the engine and starts listening.
   *
   * @param installDirectory what a relative {@code data.dir} is taken against
   * @throws SalvoException INVALID_CONFIGURATION when the data directory cannot be created or
   *     the HTTP address cannot be listened on
   */
  public static ServerRuntime start(ServerConfig config, Path installDirectory) {
    Path dataDirectory = config.resolveDataDirectory(installDirectory);
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION,
          "Cannot create data.dir " + dataDirectory + ": " + e, e);
    }
    HikariDataSource catalogStore = catalogStore(dataDirectory);
    SalvoEngine engine;
    try {
      engine = new SalvoEngine(config.toEngineConfig(), functions(config, dataDirectory,
          catalogStore));
    } catch (RuntimeException e) {
      catalogStore.close();
      throw e;
    }
    try {
      RunningQueries queries = new RunningQueries(new EngineStatementExecutor(engine));
      HttpApiServer http = new HttpApiServer(config.httpHost(), config.httpPort(),
          config.httpMaxRequestBytes(), queries);
      http.start();
      LOG.info("Data directory {}; memory {} in all, {} per query; parallelism {}, batches of {}"
          + " rows; TPC-H schemas {}", dataDirectory, ByteSize.format(config.memoryMaxBytes()),
          ByteSize.format(config.queryMaxMemoryBytes()), config.parallelism(),
          config.batchSize(), config.tpchSchemas());
      return new ServerRuntime(engine, catalogStore, queries, http);
    } catch (RuntimeException e) {
      engine.close();
      catalogStore.close();
      throw e;
    }
  }

  /** The catalog database: an embedded H2 file under the data directory, through a pool. */
  private static HikariDataSource catalogStore(Path dataDirectory) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("salvo-catalog");
    pool.setJdbcUrl("jdbc:h2:file:" + dataDirectory.resolve("catalog") + ";DB_CLOSE_ON_EXIT=FALSE");
    pool.setMaximumPoolSize(4);
    try {
      return new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION, "Cannot open the catalog store"
          + " under " + dataDirectory + " (is another server using this data.dir?): "
          + e.getMessage(), e);
    }
  }

  /** The UDF runtime sized by {@code resources.gpus}, with the stored functions loaded. */
  private static FunctionRegistry functions(ServerConfig config, Path dataDirectory,
      DataSource catalogStore) {
    UdfRuntime runtime = new UdfRuntime(UdfRuntimeSettings.DEFAULTS
        .withGpuInventory(config.gpuInventory()));
    FunctionRegistry registry;
    try {
      registry = new FunctionRegistry(runtime, new JdbcFunctionStore(catalogStore),
          dataDirectory.resolve("udf-jars"));
      registry.loadStored();
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    LOG.info("UDF runtime: {} GPU(s); {} stored function(s)",
        runtime.gpuInventory().deviceCount(), registry.list().size());
    return registry;
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
        http.stop();
      } finally {
        try {
          engine.close();
        } finally {
          catalogStore.close();
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
