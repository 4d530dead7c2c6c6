package dev.salvo.sql;

import dev.salvo.exec.runner.QueryProgress;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How one query runs, where it differs from the engine's configuration: drivers per pipeline, rows
 * per batch, its memory limit, the id it runs under and the {@link QueryProgress} its operators
 * report to. Each setting left unset takes the engine's value. Immutable.
 *
 * @param queryId id to run the query under, for logs and errors; null lets the engine number it
 * @param parallelism drivers per pipeline, from 1 to {@link #MAX_PARALLELISM}
 * @param batchSize target rows per batch, from 1 to {@link #MAX_BATCH_SIZE}
 * @param maxMemoryBytes Arrow memory the query may hold; no more than the engine's per-query limit
 * @param progress counters the query's operators update; null gives a fresh one
 */
public record QueryOptions(String queryId, OptionalInt parallelism, OptionalInt batchSize,
    OptionalLong maxMemoryBytes, QueryProgress progress) {

  public static final int MAX_PARALLELISM = 4096;
  public static final int MAX_BATCH_SIZE = 1 << 20;

  /** Every setting from the engine's configuration. */
  public static final QueryOptions DEFAULTS = new QueryOptions(null, OptionalInt.empty(),
      OptionalInt.empty(), OptionalLong.empty(), null);

  public QueryOptions {
    if (parallelism.isPresent()
        && (parallelism.getAsInt() < 1 || parallelism.getAsInt() > MAX_PARALLELISM)) {
      throw new IllegalArgumentException("parallelism must be from 1 to " + MAX_PARALLELISM
          + ", got " + parallelism.getAsInt());
    }
    if (batchSize.isPresent()
        && (batchSize.getAsInt() < 1 || batchSize.getAsInt() > MAX_BATCH_SIZE)) {
      throw new IllegalArgumentException("batch size must be from 1 to " + MAX_BATCH_SIZE
          + ", got " + batchSize.getAsInt());
    }
    if (maxMemoryBytes.isPresent() && maxMemoryBytes.getAsLong() < 1) {
      throw new IllegalArgumentException("the memory limit must be positive, got "
          + maxMemoryBytes.getAsLong());
    }
  }

  public QueryOptions withQueryId(String value) {
    return new QueryOptions(value, parallelism, batchSize, maxMemoryBytes, progress);
  }

  public QueryOptions withParallelism(int value) {
    return new QueryOptions(queryId, OptionalInt.of(value), batchSize, maxMemoryBytes, progress);
  }

  public QueryOptions withBatchSize(int value) {
    return new QueryOptions(queryId, parallelism, OptionalInt.of(value), maxMemoryBytes, progress);
  }

  public QueryOptions withMaxMemoryBytes(long value) {
    return new QueryOptions(queryId, parallelism, batchSize, OptionalLong.of(value), progress);
  }

  public QueryOptions withProgress(QueryProgress value) {
    return new QueryOptions(queryId, parallelism, batchSize, maxMemoryBytes, value);
  }
}
