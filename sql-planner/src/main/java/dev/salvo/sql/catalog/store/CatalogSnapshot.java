package dev.salvo.sql.catalog.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable picture of the catalog store at one commit: schemas, tables (with their current
 * version's files) and views. Names are looked up case-insensitively, as SQL names are.
 */
public final class CatalogSnapshot {
  private final Map<String, String> schemas;
  private final Map<String, Map<String, StoredTable>> tables;
  private final Map<String, Map<String, StoredView>> views;

  CatalogSnapshot(List<String> schemaNames, List<StoredTable> tableList,
      List<StoredView> viewList) {
    Map<String, String> schemaMap = new LinkedHashMap<>();
    Map<String, Map<String, StoredTable>> tableMap = new LinkedHashMap<>();
    Map<String, Map<String, StoredView>> viewMap = new LinkedHashMap<>();
    for (String name : schemaNames) {
      schemaMap.put(key(name), name);
      tableMap.put(key(name), new LinkedHashMap<>());
      viewMap.put(key(name), new LinkedHashMap<>());
    }
    for (StoredTable table : tableList) {
      tableMap.get(key(table.schemaName())).put(key(table.name()), table);
    }
    for (StoredView view : viewList) {
      viewMap.get(key(view.schemaName())).put(key(view.name()), view);
    }
    this.schemas = Map.copyOf(schemaMap);
    this.tables = freeze(tableMap);
    this.views = freeze(viewMap);
  }

  /** The key names are compared by. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static <T> Map<String, Map<String, T>> freeze(Map<String, Map<String, T>> map) {
    Map<String, Map<String, T>> frozen = new LinkedHashMap<>();
    map.forEach((key, value) -> frozen.put(key, Map.copyOf(value)));
    return Map.copyOf(frozen);
  }

  /** Schema names as they were created, sorted. */
  public List<String> schemaNames() {
    return schemas.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
  }

  /** The schema's name as created, if it exists. */
  public Optional<String> schema(String name) {
    return Optional.ofNullable(schemas.get(key(name)));
  }

  public Optional<StoredTable> table(String schemaName, String name) {
    return Optional.ofNullable(tables.getOrDefault(key(schemaName), Map.of()).get(key(name)));
  }

  public Optional<StoredView> view(String schemaName, String name) {
    return Optional.ofNullable(views.getOrDefault(key(schemaName), Map.of()).get(key(name)));
  }

  /** The schema's tables, sorted by name. */
  public List<StoredTable> tables(String schemaName) {
    return sorted(tables.getOrDefault(key(schemaName), Map.of()).values(),
        Comparator.comparing(StoredTable::name, String.CASE_INSENSITIVE_ORDER));
  }

  /** The schema's views, sorted by name. */
  public List<StoredView> views(String schemaName) {
    return sorted(views.getOrDefault(key(schemaName), Map.of()).values(),
        Comparator.comparing(StoredView::name, String.CASE_INSENSITIVE_ORDER));
  }

  /** Every table of every schema. */
  public List<StoredTable> allTables() {
    List<StoredTable> all = new ArrayList<>();
    for (String schema : schemaNames()) {
      all.addAll(tables(schema));
    }
    return all;
  }

  private static <T> List<T> sorted(Collection<T> values, Comparator<T> order) {
    return values.stream().sorted(order).toList();
  }
}
