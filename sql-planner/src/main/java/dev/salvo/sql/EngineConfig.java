package dev.salvo.sql;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an embedded engine is sized: drivers per pipeline, rows per batch, memory limits, and the
 * built-in TPC-H schemas (schema name to scale factor) of the {@code tpch} catalog.
 */
public record EngineConfig(int parallelism, int batchSize, long queryMaxMemoryBytes,
    long maxMemoryBytes, Map<String, Double> tpchSchemas) {

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

  /** Defaults for this machine: all cores, 4096-row batches, a quarter of the heap per query. */
  public static EngineConfig defaults() {
    long heap = Runtime.getRuntime().maxMemory();
    return new EngineConfig(Runtime.getRuntime().availableProcessors(), 4096,
        Math.max(heap / 4, 64L << 20), Math.max(heap, 256L << 20), DEFAULT_TPCH_SCHEMAS);
  }

  public EngineConfig withParallelism(int value) {
    return new EngineConfig(value, batchSize, queryMaxMemoryBytes, maxMemoryBytes, tpchSchemas);
  }

  public EngineConfig withBatchSize(int value) {
    return new EngineConfig(parallelism, value, queryMaxMemoryBytes, maxMemoryBytes, tpchSchemas);
  }

  public EngineConfig withQueryMaxMemoryBytes(long value) {
    return new EngineConfig(parallelism, batchSize, value, maxMemoryBytes, tpchSchemas);
  }

  public EngineConfig withMaxMemoryBytes(long value) {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, value, tpchSchemas);
  }

  public EngineConfig withTpchSchemas(Map<String, Double> value) {
    return new EngineConfig(parallelism, batchSize, queryMaxMemoryBytes, maxMemoryBytes, value);
  }

  private static Map<String, Double> defaultTpchSchemas() {
    Map<String, Double> schemas = new LinkedHashMap<>();
    schemas.put("tiny", 0.01);
    schemas.put("sf0_1", 0.1);
    schemas.put("sf1", 1.0);
    return schemas;
  }
}
