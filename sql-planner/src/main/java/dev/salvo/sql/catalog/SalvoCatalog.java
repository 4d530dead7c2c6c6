package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.connector.tpch.TpchConnector;
import dev.salvo.sql.catalog.store.CatalogSnapshot;
import dev.salvo.sql.catalog.store.CatalogStore;
import dev.salvo.sql.catalog.store.StoredTable;
import dev.salvo.sql.catalog.store.StoredView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tree of catalogs, schemas and tables that SQL names resolve against: the built-in
 * {@code tpch} catalog ({@code tpch.tiny.lineitem}), the user's schemas from the catalog store
 * ({@code main.orders}, or just {@code orders}: names without a schema resolve in
 * {@value CatalogStore#DEFAULT_SCHEMA} first), {@code information_schema}, and the
 * {@code system} schema of Salvo's own state ({@code system.queries}).
 */
public final class SalvoCatalog {
  /** The catalog that holds the built-in TPC-H schemas. */
  public static final String TPCH_CATALOG = "tpch";
  /**
   * The catalog user schemas belong to: {@code salvo.main.t} names the same table as
   * {@code main.t}, for clients that always qualify names with a catalog.
   */
  public static final String USER_CATALOG = "salvo";
  /** The schema of metadata views. */
  public static final String INFORMATION_SCHEMA = "information_schema";
  /** The schema of the tables that show Salvo's own state ({@code system.queries}, ...). */
  public static final String SYSTEM_SCHEMA = "system";

  private final Map<String, Map<String, TableSource>> tpchTables;
  private final CatalogStore store;
  private final Path tablesDirectory;
  private final Path filesDirectory;
  private final Map<String, TableSource> systemTables;

  private SalvoCatalog(Map<String, Map<String, TableSource>> tpchTables, CatalogStore store,
      Path tablesDirectory, Path filesDirectory, Map<String, TableSource> systemTables) {
    this.tpchTables = tpchTables;
    this.store = store;
    this.tablesDirectory = tablesDirectory;
    this.filesDirectory = filesDirectory;
    this.systemTables = Map.copyOf(systemTables);
  }

  /**
   * This catalog plus {@code tables} (name to source) in the {@value #SYSTEM_SCHEMA} schema:
   * tables over snapshots of the server's state, such as {@code system.udf_stats}.
   */
  public SalvoCatalog withSystemTables(Map<String, TableSource> tables) {
    Map<String, TableSource> all = new LinkedHashMap<>(systemTables);
    all.putAll(tables);
    return new SalvoCatalog(tpchTables, store, tablesDirectory, filesDirectory, all);
  }

  /** The built-in catalog only: {@code tpch} with one schema per configured scale factor. */
  public static SalvoCatalog builtIn(Map<String, Double> tpchSchemas) {
    return builtIn(tpchSchemas, Map.of());
  }

  /**
   * The built-in catalog plus the {@code system} schema holding {@code systemTables} (table name
   * to source); the schema exists, empty, when there are none.
   */
  public static SalvoCatalog builtIn(Map<String, Double> tpchSchemas,
      Map<String, TableSource> systemTables) {
    return new SalvoCatalog(tpchTables(tpchSchemas), null, null, null, systemTables);
  }

  /**
   * The built-in catalog plus the user's schemas, tables and views kept in {@code store}, whose
   * data files lie under {@code tablesDirectory}.
   */
  public static SalvoCatalog withStore(Map<String, Double> tpchSchemas, CatalogStore store,
      Path tablesDirectory) {
    return new SalvoCatalog(tpchTables(tpchSchemas), store, tablesDirectory, null, Map.of());
  }

  /**
   * Like {@link #withStore(Map, CatalogStore, Path)}, plus the files under
   * {@code filesDirectory} (the data directory) as the {@code files} schema and the table
   * functions {@code read_csv}, {@code read_arrow} and {@code read_parquet}.
   */
  public static SalvoCatalog withStoreAndFiles(Map<String, Double> tpchSchemas,
      CatalogStore store, Path tablesDirectory, Path filesDirectory) {
    return new SalvoCatalog(tpchTables(tpchSchemas), store, tablesDirectory, filesDirectory,
        Map.of());
  }

  /** Like {@link #withStore(Map, CatalogStore, Path)}, with {@code systemTables} as well. */
  public static SalvoCatalog withStore(Map<String, Double> tpchSchemas, CatalogStore store,
      Path tablesDirectory, Map<String, TableSource> systemTables) {
    return new SalvoCatalog(tpchTables(tpchSchemas), store, tablesDirectory, null, systemTables);
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
    InformationSchema information = new InformationSchema(snapshot, tpchTables);
    root.plus().add(INFORMATION_SCHEMA, information);
    SchemaPlus user = root.plus().add(USER_CATALOG, new AbstractSchema());
    if (snapshot != null) {
      for (String schemaName : snapshot.schemaNames()) {
        user.add(schemaName, new SnapshotSchema(snapshot, schemaName, tablesDirectory));
      }
    }
    user.add(INFORMATION_SCHEMA, information);
    if (filesDirectory != null) {
      root.plus().add(FileTables.FILES_SCHEMA, FileTables.schema(filesDirectory));
      root.plus().add("read_csv", FileTables.readCsv(filesDirectory));
      root.plus().add("read_arrow", FileTables.readArrow(filesDirectory));
      root.plus().add("read_parquet", FileTables.readParquet(filesDirectory));
    }
    // Added last so that system.queries names Salvo's own table whatever user schemas exist.
    SchemaPlus system = root.plus().add(SYSTEM_SCHEMA, new AbstractSchema());
    for (Map.Entry<String, TableSource> table : systemTables.entrySet()) {
      system.add(table.getKey(), new ConnectorTable(table.getValue()));
    }
    return root;
  }

  /** Where names without a schema are looked up first. */
  public List<String> defaultSchemaPath() {
    return store == null ? List.of() : List.of(CatalogStore.DEFAULT_SCHEMA);
  }

  /**
   * {@code wanted} with its catalog and schema spelled as this catalog spells them (names match
   * in any letter case), checked to exist now.
   *
   * @throws SalvoException CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND, naming those that exist
   */
  public DefaultSchema resolve(DefaultSchema wanted) {
    String catalogName = catalogNames().stream()
        .filter(name -> name.equalsIgnoreCase(wanted.catalog())).findFirst()
        .orElseThrow(() -> new SalvoException(ErrorCode.CATALOG_NOT_FOUND, "Catalog '"
            + wanted.catalog() + "' does not exist; the catalogs are " + catalogNames()));
    if (wanted.schema() == null) {
      return new DefaultSchema(catalogName, null);
    }
    List<String> schemas = schemaNames().get(catalogName);
    String schemaName = schemas.stream()
        .filter(name -> name.equalsIgnoreCase(wanted.schema())).findFirst()
        .orElseThrow(() -> new SalvoException(ErrorCode.SCHEMA_NOT_FOUND, "Schema '"
            + wanted.schema() + "' does not exist in catalog " + catalogName
            + "; its schemas are " + schemas));
    return new DefaultSchema(catalogName, schemaName);
  }

  /** The catalog store's current snapshot, or null for the built-in catalog only. */
  public CatalogSnapshot snapshot() {
    return store == null ? null : store.snapshot();
  }

  /** The catalogs, sorted by name: {@value #USER_CATALOG} (user schemas) and {@code tpch}. */
  public List<String> catalogNames() {
    return List.of(USER_CATALOG, TPCH_CATALOG);
  }

  /** The schema names of each catalog, both sorted by name; a schema may hold no tables. */
  public Map<String, List<String>> schemaNames() {
    Map<String, List<String>> schemas = new LinkedHashMap<>();
    List<String> userSchemas = new ArrayList<>();
    CatalogSnapshot snapshot = snapshot();
    if (snapshot != null) {
      userSchemas.addAll(snapshot.schemaNames());
    }
    userSchemas.add(INFORMATION_SCHEMA);
    userSchemas.sort(String.CASE_INSENSITIVE_ORDER);
    schemas.put(USER_CATALOG, userSchemas);
    schemas.put(TPCH_CATALOG, new ArrayList<>(new TreeSet<>(tpchTables.keySet())));
    return schemas;
  }

  /** Every table and view with its columns, sorted by catalog, schema and name. */
  public List<CatalogTable> tables() {
    List<CatalogTable> tables = new ArrayList<>();
    CatalogSnapshot snapshot = snapshot();
    for (String schema : schemaNames().get(USER_CATALOG)) {
      List<CatalogTable> inSchema = new ArrayList<>();
      if (schema.equals(INFORMATION_SCHEMA)) {
        InformationSchema.rowTypes().forEach((name, rowType) ->
            inSchema.add(new CatalogTable(USER_CATALOG, schema, name, rowType)));
      } else {
        for (StoredTable table : snapshot.tables(schema)) {
          inSchema.add(new CatalogTable(USER_CATALOG, schema, table.name(), table.rowType()));
        }
        for (StoredView view : snapshot.views(schema)) {
          inSchema.add(new CatalogTable(USER_CATALOG, schema, view.name(), view.rowType()));
        }
      }
      inSchema.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.table(), b.table()));
      tables.addAll(inSchema);
    }
    for (String schema : schemaNames().get(TPCH_CATALOG)) {
      for (String name : new TreeSet<>(tpchTables.get(schema).keySet())) {
        tables.add(new CatalogTable(TPCH_CATALOG, schema, name,
            tpchTables.get(schema).get(name).rowType()));
      }
    }
    return tables;
  }
}
