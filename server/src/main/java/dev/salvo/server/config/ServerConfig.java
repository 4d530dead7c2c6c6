package dev.salvo.server.config;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.catalog.store.CatalogStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The server's settings, typed and checked: where it listens, where it keeps data, how much
 * memory queries may use and how the engine is sized. Built from built-in defaults, then a
 * properties file, then {@code --set key=value} overrides (see {@code conf/salvo.properties}).
 *
 * @param httpHost interface the HTTP API listens on
 * @param httpPort TCP port of the HTTP API; 0 picks a free one
 * @param httpMaxRequestBytes largest request body the HTTP API accepts
 * @param dataDirectory where the server keeps its files; relative to the install directory
 * @param memoryMaxBytes Arrow memory all queries together may hold
 * @param queryMaxMemoryBytes Arrow memory one query may hold
 * @param parallelism drivers per pipeline
 * @param batchSize target rows per batch
 * @param tpchSchemas schemas of the built-in {@code tpch} catalog, name to scale factor
 * @param flightPort TCP port of the Arrow Flight SQL (JDBC) endpoint, on the HTTP API's
 *     interface; 0 picks a free one
 * @param catalogStore the catalog store's database, or null for embedded H2 in the data
 *     directory
 * @param gpuInventory GPUs UDF instances may use: {@code auto} (detected) or a number
 * @param queryLimits how many queries run and queue, and how long their results are kept
 */
public record ServerConfig(String httpHost, int httpPort, long httpMaxRequestBytes,
    Path dataDirectory, long memoryMaxBytes, long queryMaxMemoryBytes, int parallelism,
    int batchSize, Map<String, Double> tpchSchemas, int flightPort,
    CatalogStoreConfig catalogStore, String gpuInventory, QueryLimits queryLimits) {

  /**
   * The limits of the query manager ({@code query.*} keys).
   *
   * @param maxRunning queries running at once
   * @param maxQueued queries waiting for a running slot; beyond these, submissions are refused
   * @param resultBufferBytes Arrow bytes of results one query may buffer for its client before
   *     its producer pauses
   * @param maxResultBytes Arrow bytes one query may return in all; 0 for no limit
   * @param resultExpiry how long an ended query's results are kept after the client's last
   *     request
   * @param clientTimeout how long a queued or running query lives without any client request
   * @param historySize ended queries remembered for listings, at most
   */
  public record QueryLimits(int maxRunning, int maxQueued, long resultBufferBytes,
      long maxResultBytes, Duration resultExpiry, Duration clientTimeout, int historySize) {
    public QueryLimits {
      Objects.requireNonNull(resultExpiry, "resultExpiry");
      Objects.requireNonNull(clientTimeout, "clientTimeout");
    }
  }

  public ServerConfig {
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(gpuInventory, "gpuInventory");
    Objects.requireNonNull(queryLimits, "queryLimits");
    // Keeps the configured order, which is the order people read in logs.
    tpchSchemas = Collections.unmodifiableMap(new LinkedHashMap<>(tpchSchemas));
  }

  /** Settings with the embedded catalog store and the GPUs detected at start. */
  public ServerConfig(String httpHost, int httpPort, long httpMaxRequestBytes,
      Path dataDirectory, long memoryMaxBytes, long queryMaxMemoryBytes, int parallelism,
      int batchSize, Map<String, Double> tpchSchemas, int flightPort, QueryLimits queryLimits) {
    this(httpHost, httpPort, httpMaxRequestBytes, dataDirectory, memoryMaxBytes,
        queryMaxMemoryBytes, parallelism, batchSize, tpchSchemas, flightPort, null, "auto",
        queryLimits);
  }

  /** The built-in defaults, sized for this machine. */
  public static ServerConfig defaults() {
    return new ServerConfigLoader().load(null, Map.of());
  }

  /**
   * Defaults, overlaid with {@code file} (when not null), overlaid with {@code overrides}.
   *
   * @throws SalvoException INVALID_CONFIGURATION naming the key, the value and where it came
   *     from, for an unknown key, a value that does not parse, or limits that contradict each
   *     other
   */
  public static ServerConfig load(Path file, Map<String, String> overrides) {
    return new ServerConfigLoader().load(file, overrides);
  }

  /** The embedded engine's settings, without a data directory (see the overload). */
  public EngineConfig toEngineConfig() {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, memoryMaxBytes,
        tpchSchemas);
  }

  /** The embedded engine's settings, keeping tables in {@code resolvedDataDirectory}. */
  public EngineConfig toEngineConfig(Path resolvedDataDirectory) {
    return toEngineConfig().withDataDirectory(resolvedDataDirectory)
        .withCatalogStore(catalogStore);
  }

  /** The data directory, with a relative one taken against {@code installDirectory}. */
  public Path resolveDataDirectory(Path installDirectory) {
    return installDirectory.resolve(dataDirectory).toAbsolutePath().normalize();
  }
}
