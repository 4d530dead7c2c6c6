package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.tpch.TpchConnector;
import dev.salvo.sql.catalog.store.CatalogSnapshot;
import dev.salvo.sql.catalog.store.CatalogStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tree of catalogs, schemas and tables that SQL names resolve against: the built-in
 * {@code tpch} catalog ({@code tpch.tiny.lineitem}), the user's schemas from the catalog store
 * ({@code main.orders}, or just {@code orders}: names without a schema resolve in
 * {@value CatalogStore#DEFAULT_SCHEMA} first) and {@code information_schema}.
 */
public final class SalvoCatalog {
  /** The catalog that holds the built-in TPC-H schemas. */
  public static final String TPCH_CATALOG = "tpch";
  /** The schema of metadata views. */
  public static final String INFORMATION_SCHEMA = "information_schema";

  private final Map<String, Map<String, TableSource>> tpchTables;
  private final CatalogStore store;
  private final Path tablesDirectory;

  private SalvoCatalog(Map<String, Map<String, TableSource>> tpchTables, CatalogStore store,
      Path tablesDirectory) {
    this.tpchTables = tpchTables;
    this.store = store;
    this.tablesDirectory = tablesDirectory;
  }

  /** The built-in catalog only: {@code tpch} with one schema per configured scale factor. */
  public static SalvoCatalog builtIn(Map<String, Double> tpchSchemas) {
    return new SalvoCatalog(tpchTables(tpchSchemas), null, null);
  }

  /**
   * The built-in catalog plus the user's schemas, tables and views kept in {@code store}, whose
   * data files lie under {@code tablesDirectory}.
   */
  public static SalvoCatalog withStore(Map<String, Double> tpchSchemas, CatalogStore store,
      Path tablesDirectory) {
    return new SalvoCatalog(tpchTables(tpchSchemas), store, tablesDirectory);
  }

  private static Map<String, Map<String, TableSource>> tpchTables(Map<String, Double> schemas) {
    TpchConnector connector = new TpchConnector(schemas);
    Map<String, Map<String, TableSource>> tables = new LinkedHashMap<>();
    for (String schemaName : connector.schemaNames()) {
      tables.put(schemaName, connector.tables(schemaName));
    }
    return tables;
  }

  /**
   * A root schema over the catalog store's current snapshot: every table a query names comes
   * from the same committed state, and keeps reading it however long the query runs.
   */
  public CalciteSchema rootSchema() {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    SchemaPlus tpch = root.plus().add(TPCH_CATALOG, new AbstractSchema());
    for (Map.Entry<String, Map<String, TableSource>> schema : tpchTables.entrySet()) {
      SchemaPlus schemaPlus = tpch.add(schema.getKey(), new AbstractSchema());
      for (Map.Entry<String, TableSource> table : schema.getValue().entrySet()) {
        schemaPlus.add(table.getKey(), new ConnectorTable(table.getValue()));
      }
    }
    CatalogSnapshot snapshot = snapshot();
    if (snapshot != null) {
      for (String schemaName : snapshot.schemaNames()) {
        root.plus().add(schemaName, new SnapshotSchema(snapshot, schemaName, tablesDirectory));
      }
    }
    root.plus().add(INFORMATION_SCHEMA, new InformationSchema(snapshot, tpchTables));
    return root;
  }

  /** Where names without a schema are looked up first. */
  public List<String> defaultSchemaPath() {
    return store == null ? List.of() : List.of(CatalogStore.DEFAULT_SCHEMA);
  }

  /** The catalog store's current snapshot, or null for the built-in catalog only. */
  public CatalogSnapshot snapshot() {
    return store == null ? null : store.snapshot();
  }
}
