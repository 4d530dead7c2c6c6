package dev.salvo.sql;

import dev.salvo.sql.catalog.store.CatalogStoreConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an embedded engine is sized: drivers per pipeline, rows per batch, memory limits, and the
 * built-in TPC-H schemas (schema name to scale factor) of the {@code tpch} catalog, and where
 * tables are kept.
 *
 * @param dataDirectory where table data files ({@code tables/}) and the embedded catalog store
 *     ({@code catalog/}) live; null gives the engine a temporary directory deleted when it closes
 * @param catalogStore the catalog store's database; null means embedded H2 in the data directory
 */
public record EngineConfig(int parallelism, int batchSize, long queryMaxMemoryBytes,
    long maxMemoryBytes, Map<String, Double> tpchSchemas, Path dataDirectory,
    CatalogStoreConfig catalogStore) {

  /** The schemas of the {@code tpch} catalog when configuration names no others. */
  public static final Map<String, Double> DEFAULT_TPCH_SCHEMAS = defaultTpchSchemas();

  public EngineConfig {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (queryMaxMemoryBytes < 1 || maxMemoryBytes < queryMaxMemoryBytes) {
      throw new IllegalArgumentException("memory limits must be positive, and the query limit"
          + " no larger than the total: " + queryMaxMemoryBytes + " > " + maxMemoryBytes);
    }
    tpchSchemas = Map.copyOf(tpchSchemas);
  }

  /** A configuration with a temporary data directory and the embedded catalog store. */
  public EngineConfig(int parallelism, int batchSize, long queryMaxMemoryBytes,
      long maxMemoryBytes, Map<String, Double> tpchSchemas) {
    this(parallelism, batchSize, queryMaxMemoryBytes, maxMemoryBytes, tpchSchemas, null, null);
  }

  /** Defaults for this machine: all cores, 4096-row batches, a quarter of the heap per query. */
  public static EngineConfig defaults() {
    long heap = Runtime.getRuntime().maxMemory();
    return new EngineConfig(Runtime.getRuntime().availableProcessors(), 4096,
        Math.max(heap / 4, 64L << 20), Math.max(heap, 256L << 20), DEFAULT_TPCH_SCHEMAS);
  }

  public EngineConfig withParallelism(int value) {
    return new EngineConfig(value, batchSize, queryMaxMemoryBytes, maxMemoryBytes, tpchSchemas,
        dataDirectory, catalogStore);
  }

  public EngineConfig withBatchSize(int value) {
    return new EngineConfig(parallelism, value, queryMaxMemoryBytes, maxMemoryBytes, tpchSchemas,
        dataDirectory, catalogStore);
  }

  public EngineConfig withQueryMaxMemoryBytes(long value) {
    return new EngineConfig(parallelism, batchSize, value, maxMemoryBytes, tpchSchemas,
        dataDirectory, catalogStore);
  }

  public EngineConfig withMaxMemoryBytes(long value) {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, value, tpchSchemas,
        dataDirectory, catalogStore);
  }

  public EngineConfig withTpchSchemas(Map<String, Double> value) {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, maxMemoryBytes, value,
        dataDirectory, catalogStore);
  }

  public EngineConfig withDataDirectory(Path value) {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, maxMemoryBytes,
        tpchSchemas, value, catalogStore);
  }

  public EngineConfig withCatalogStore(CatalogStoreConfig value) {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, maxMemoryBytes,
        tpchSchemas, dataDirectory, value);
  }

  private static Map<String, Double> defaultTpchSchemas() {
    Map<String, Double> schemas = new LinkedHashMap<>();
    schemas.put("tiny", 0.01);
    schemas.put("sf0_1", 0.1);
    schemas.put("sf1", 1.0);
    return schemas;
  }
}
