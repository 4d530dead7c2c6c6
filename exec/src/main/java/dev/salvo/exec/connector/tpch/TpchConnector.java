package dev.salvo.exec.connector.tpch;

import dev.salvo.exec.connector.TableSource;
import io.trino.tpch.TpchTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The built-in {@code tpch} catalog: one schema per configured scale factor, each holding the
 * eight TPC-H tables generated on the fly (deterministically) by the {@code io.trino.tpch}
 * generators, so tests and benchmarks need no data files.
 */
public final class TpchConnector {
  private final Map<String, Map<String, TableSource>> schemas;

  /** One schema per entry, e.g. {@code tiny -> 0.01}; every scale factor must be positive. */
  public TpchConnector(Map<String, Double> schemaScaleFactors) {
    Map<String, Map<String, TableSource>> built = new LinkedHashMap<>();
    schemaScaleFactors.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(entry -> built.put(entry.getKey(), tablesOf(entry.getKey(), entry.getValue())));
    this.schemas = Collections.unmodifiableMap(built);
  }

  /** The schema names, smallest scale factor first. */
  public Set<String> schemaNames() {
    return schemas.keySet();
  }

  /** The tables of {@code schemaName} by lower-case name, or an empty map for an unknown schema. */
  public Map<String, TableSource> tables(String schemaName) {
    return schemas.getOrDefault(schemaName, Map.of());
  }

  private static Map<String, TableSource> tablesOf(String schemaName, double scaleFactor) {
    if (!(scaleFactor > 0)) {
      throw new IllegalArgumentException(
          "TPC-H scale factor of schema " + schemaName + " must be positive, got " + scaleFactor);
    }
    Map<String, TableSource> tables = new LinkedHashMap<>();
    for (TpchTable<?> table : TpchTable.getTables()) {
      tables.put(table.getTableName(), new TpchTableSource(schemaName, table, scaleFactor));
    }
    return Collections.unmodifiableMap(tables);
  }
}
