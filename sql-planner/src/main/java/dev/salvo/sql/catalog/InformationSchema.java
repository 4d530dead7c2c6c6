package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.memory.InMemoryTableSource;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.catalog.store.CatalogSnapshot;
import dev.salvo.sql.catalog.store.StoredTable;
import dev.salvo.sql.catalog.store.StoredView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The SQL standard's {@code information_schema} views (schemata, tables, columns, views) over one
 * catalog snapshot plus the built-in TPC-H tables. User schemas belong to catalog
 * {@value #USER_CATALOG}; TPC-H schemas to catalog {@code tpch}.
 */
final class InformationSchema extends AbstractSchema {
  /** The catalog name user schemas are listed under. */
  static final String USER_CATALOG = SalvoCatalog.USER_CATALOG;

  private static final DataType NAME = DataType.VARCHAR.withNullable(false);
  private static final DataType OPTIONAL_NUMBER = DataType.INTEGER;

  private static final RowType SCHEMATA = columns("catalog_name", NAME, "schema_name", NAME);
  private static final RowType TABLES = columns("table_catalog", NAME, "table_schema", NAME,
      "table_name", NAME, "table_type", NAME);
  private static final RowType COLUMNS = columns("table_catalog", NAME, "table_schema", NAME,
      "table_name", NAME, "column_name", NAME,
      "ordinal_position", DataType.INTEGER.withNullable(false),
      "is_nullable", NAME, "data_type", NAME,
      "character_maximum_length", OPTIONAL_NUMBER, "numeric_precision", OPTIONAL_NUMBER,
      "numeric_scale", OPTIONAL_NUMBER);
  private static final RowType VIEWS = columns("table_catalog", NAME, "table_schema", NAME,
      "table_name", NAME, "view_definition", NAME);

  private final CatalogSnapshot snapshot;
  private final Map<String, Map<String, TableSource>> tpch;
  /** Built on first use: every query's root schema has one, few queries read it. */
  private Map<String, Table> tables;

  /** The row types of its tables, by table name. */
  static Map<String, RowType> rowTypes() {
    Map<String, RowType> rowTypes = new LinkedHashMap<>();
    rowTypes.put("columns", COLUMNS);
    rowTypes.put("schemata", SCHEMATA);
    rowTypes.put("tables", TABLES);
    rowTypes.put("views", VIEWS);
    return rowTypes;
  }

  InformationSchema(CatalogSnapshot snapshot, Map<String, Map<String, TableSource>> tpch) {
    this.snapshot = snapshot;
    this.tpch = tpch;
  }

  private Map<String, Table> buildTables() {
    List<List<Object>> schemata = new ArrayList<>();
    List<List<Object>> tableRows = new ArrayList<>();
    List<List<Object>> columnRows = new ArrayList<>();
    List<List<Object>> viewRows = new ArrayList<>();
    if (snapshot != null) {
      for (String schema : snapshot.schemaNames()) {
        schemata.add(List.of(USER_CATALOG, schema));
        for (StoredTable table : snapshot.tables(schema)) {
          tableRows.add(List.of(USER_CATALOG, schema, table.name(), "BASE TABLE"));
          addColumns(columnRows, USER_CATALOG, schema, table.name(), table.rowType());
        }
        for (StoredView view : snapshot.views(schema)) {
          tableRows.add(List.of(USER_CATALOG, schema, view.name(), "VIEW"));
          addColumns(columnRows, USER_CATALOG, schema, view.name(), view.rowType());
          viewRows.add(List.of(USER_CATALOG, schema, view.name(), view.sql()));
        }
      }
    }
    schemata.add(List.of(USER_CATALOG, SalvoCatalog.INFORMATION_SCHEMA));
    for (Map.Entry<String, Map<String, TableSource>> schema : tpch.entrySet()) {
      schemata.add(List.of(SalvoCatalog.TPCH_CATALOG, schema.getKey()));
      for (Map.Entry<String, TableSource> table : schema.getValue().entrySet()) {
        tableRows.add(List.of(SalvoCatalog.TPCH_CATALOG, schema.getKey(), table.getKey(),
            "BASE TABLE"));
        addColumns(columnRows, SalvoCatalog.TPCH_CATALOG, schema.getKey(), table.getKey(),
            table.getValue().rowType());
      }
    }
    for (Map.Entry<String, RowType> own : Map.of("schemata", SCHEMATA, "tables", TABLES,
        "columns", COLUMNS, "views", VIEWS).entrySet()) {
      tableRows.add(List.of(USER_CATALOG, SalvoCatalog.INFORMATION_SCHEMA, own.getKey(),
          "VIEW"));
      addColumns(columnRows, USER_CATALOG, SalvoCatalog.INFORMATION_SCHEMA, own.getKey(),
          own.getValue());
    }
    Map<String, Table> map = new LinkedHashMap<>();
    map.put("schemata", table("schemata", SCHEMATA, schemata));
    map.put("tables", table("tables", TABLES, tableRows));
    map.put("columns", table("columns", COLUMNS, columnRows));
    map.put("views", table("views", VIEWS, viewRows));
    return Map.copyOf(map);
  }

  private static void addColumns(List<List<Object>> rows, String catalog, String schema,
      String table, RowType rowType) {
    for (int i = 0; i < rowType.size(); i++) {
      Column column = rowType.column(i);
      DataType type = column.type();
      // Executor values of every integer kind are Longs.
      Long length = type.kind() == TypeKind.VARCHAR && type.precision() > 0
          ? Long.valueOf(type.precision()) : null;
      Long precision = switch (type.kind()) {
        case DECIMAL -> (long) type.precision();
        case TINYINT -> 3L;
        case SMALLINT -> 5L;
        case INTEGER -> 10L;
        case BIGINT -> 19L;
        default -> null;
      };
      Long scale = switch (type.kind()) {
        case DECIMAL -> (long) type.scale();
        case TINYINT, SMALLINT, INTEGER, BIGINT -> 0L;
        default -> null;
      };
      rows.add(Arrays.asList(catalog, schema, table, column.name(), (long) (i + 1),
          type.nullable() ? "YES" : "NO", type.sqlName(), length, precision, scale));
    }
  }

  private static Table table(String name, RowType rowType, List<List<Object>> rows) {
    return new ConnectorTable(new InMemoryTableSource(
        SalvoCatalog.INFORMATION_SCHEMA + "." + name, rowType, rows));
  }

  private static RowType columns(Object... namesAndTypes) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      columns.add(new Column((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
    }
    return new RowType(columns);
  }

  @Override
  protected synchronized Map<String, Table> getTableMap() {
    if (tables == null) {
      tables = buildTables();
    }
    return tables;
  }
}
