package dev.salvo.sql.function;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.SnapshotTableSource;
import dev.salvo.udf.catalog.UdfOptions;
import dev.salvo.udf.runtime.UdfErrorRecord;
import dev.salvo.udf.runtime.UdfStatsSnapshot;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code system} tables about functions: {@code functions} (definitions),
 * {@code udf_stats} (the runtime's counters) and {@code udf_errors} (rows logged under
 * {@code on_error = 'log'}), each read from a fresh snapshot per query.
 */
public final class FunctionSystemTables {
  private FunctionSystemTables() {}

  /** Table name (within the {@code system} schema) to source. */
  public static Map<String, TableSource> of(FunctionRegistry registry) {
    return Map.of(
        "functions", new SnapshotTableSource("system.functions", functionsType(),
            () -> functionRows(registry)),
        "udf_stats", new SnapshotTableSource("system.udf_stats", statsType(),
            () -> statsRows(registry)),
        "udf_errors", new SnapshotTableSource("system.udf_errors", errorsType(),
            () -> errorRows(registry)));
  }

  private static RowType functionsType() {
    return RowType.of(
        column("name", DataType.VARCHAR), column("function_language", DataType.VARCHAR),
        column("signature", DataType.VARCHAR), column("return_type", DataType.VARCHAR),
        nullable("class_name", DataType.VARCHAR), nullable("method_name", DataType.VARCHAR),
        nullable("jar", DataType.VARCHAR), nullable("batch_size", DataType.INTEGER),
        nullable("max_concurrency", DataType.INTEGER), nullable("gpus", DataType.DOUBLE),
        nullable("use_process", DataType.BOOLEAN), nullable("max_retries", DataType.INTEGER),
        nullable("on_error", DataType.VARCHAR), column("created_at", DataType.TIMESTAMP),
        column("definition", DataType.VARCHAR));
  }

  static List<List<Object>> functionRows(FunctionRegistry registry) {
    List<List<Object>> rows = new ArrayList<>();
    for (RegisteredFunction function : registry.list()) {
      Object[] row = new Object[15];
      row[0] = function.name();
      row[1] = function.language();
      row[2] = function.signature();
      row[3] = function.returnType().sqlName();
      if (function instanceof JavaFunction java) {
        UdfOptions options = java.definition().options();
        row[4] = java.definition().className();
        row[5] = java.definition().methodName();
        row[6] = java.definition().jars().isEmpty() ? null
            : java.definition().jars().get(0).toString();
        row[7] = options.batchSize();
        row[8] = options.maxConcurrency();
        row[9] = options.gpus();
        row[10] = options.useProcess();
        row[11] = options.maxRetries();
        row[12] = options.onError().name().toLowerCase(Locale.ROOT);
      }
      row[13] = LocalDateTime.ofInstant(function.createdAt(), ZoneOffset.UTC);
      row[14] = function.statement();
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  private static RowType statsType() {
    return RowType.of(
        column("function_name", DataType.VARCHAR), column("calls", DataType.BIGINT),
        column("input_rows", DataType.BIGINT), column("batches", DataType.BIGINT),
        column("retries", DataType.BIGINT), column("errors", DataType.BIGINT),
        column("instances_created", DataType.BIGINT), column("live_instances", DataType.INTEGER),
        column("peak_instances", DataType.INTEGER), column("active_calls", DataType.INTEGER),
        column("peak_active_calls", DataType.INTEGER), column("p50_ms", DataType.DOUBLE),
        column("p95_ms", DataType.DOUBLE), column("p99_ms", DataType.DOUBLE));
  }

  private static List<List<Object>> statsRows(FunctionRegistry registry) {
    List<List<Object>> rows = new ArrayList<>();
    for (UdfStatsSnapshot stats : registry.runtime().statistics()) {
      rows.add(List.of(stats.function(), stats.calls(), stats.rows(), stats.batches(),
          stats.retries(), stats.errors(), stats.instancesCreated(), stats.liveInstances(),
          stats.peakInstances(), stats.activeCalls(), stats.peakActiveCalls(), stats.p50Millis(),
          stats.p95Millis(), stats.p99Millis()));
    }
    return rows;
  }

  private static RowType errorsType() {
    return RowType.of(
        column("logged_at", DataType.TIMESTAMP), column("query_id", DataType.VARCHAR),
        column("function_name", DataType.VARCHAR), column("version", DataType.BIGINT),
        column("row_index", DataType.INTEGER), column("error", DataType.VARCHAR),
        nullable("arguments", DataType.VARCHAR));
  }

  private static List<List<Object>> errorRows(FunctionRegistry registry) {
    List<List<Object>> rows = new ArrayList<>();
    for (UdfErrorRecord error : registry.runtime().errorLog().records()) {
      rows.add(Arrays.asList(LocalDateTime.ofInstant(error.time(), ZoneOffset.UTC),
          error.queryId(), error.function(), error.version(), error.row(), error.error(),
          String.valueOf(error.arguments())));
    }
    return rows;
  }

  private static Column column(String name, DataType type) {
    return new Column(name, type.withNullable(false));
  }

  private static Column nullable(String name, DataType type) {
    return new Column(name, type.withNullable(true));
  }
}
