package dev.salvo.sql.metadata;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.catalog.store.CatalogSnapshot;
import dev.salvo.sql.catalog.store.CatalogStore;
import dev.salvo.sql.ddl.QualifiedName;
import dev.salvo.sql.ddl.SqlShow;
import java.util.List;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * SHOW and DESCRIBE, rewritten into queries over {@code information_schema} so that they plan,
 * run and answer like any other query. Names are resolved here first, so that a missing schema
 * or table is an error at its position rather than an empty answer.
 */
public final class MetadataQueries {
  private MetadataQueries() {}

  /** The query answering a SHOW statement. */
  public static String rewrite(SqlShow show, CatalogSnapshot snapshot) {
    return switch (show.subject()) {
      case SCHEMAS -> "SELECT schema_name FROM information_schema.schemata"
          + " WHERE catalog_name = 'salvo' ORDER BY schema_name";
      case TABLES -> {
        String[] schema = show.from() == null
            ? new String[] {"salvo", CatalogStore.DEFAULT_SCHEMA}
            : schema(show.from(), snapshot);
        yield "SELECT table_name, table_type FROM information_schema.tables"
            + " WHERE table_catalog = " + literal(schema[0])
            + " AND table_schema = " + literal(schema[1]) + " ORDER BY table_name";
      }
      case COLUMNS -> columnsOf(show.from(), snapshot);
    };
  }

  /** The query answering DESCRIBE [TABLE] name. */
  public static String rewrite(SqlDescribeTable describe, CatalogSnapshot snapshot) {
    return columnsOf(describe.getTable(), snapshot);
  }

  private static String columnsOf(SqlIdentifier table, CatalogSnapshot snapshot) {
    String[] name = table(table, snapshot);
    return "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
        + " WHERE table_catalog = " + literal(name[0]) + " AND table_schema = "
        + literal(name[1]) + " AND table_name = " + literal(name[2])
        + " ORDER BY ordinal_position";
  }

  /** Catalog and schema, spelled as information_schema lists them. */
  private static String[] schema(SqlIdentifier identifier, CatalogSnapshot snapshot) {
    List<String> names = identifier.names;
    if (names.size() == 2 && names.get(0).equalsIgnoreCase(SalvoCatalog.TPCH_CATALOG)) {
      return new String[] {SalvoCatalog.TPCH_CATALOG, names.get(1).toLowerCase()};
    }
    if (names.size() == 1) {
      if (names.get(0).equalsIgnoreCase(SalvoCatalog.INFORMATION_SCHEMA)) {
        return new String[] {"salvo", SalvoCatalog.INFORMATION_SCHEMA};
      }
      if (snapshot != null) {
        var schema = snapshot.schema(names.get(0));
        if (schema.isPresent()) {
          return new String[] {"salvo", schema.get()};
        }
      }
    }
    throw QualifiedName.error(ErrorCode.SCHEMA_NOT_FOUND,
        "Schema " + identifier + " does not exist", identifier);
  }

  /** Catalog, schema and table, spelled as information_schema lists them. */
  private static String[] table(SqlIdentifier identifier, CatalogSnapshot snapshot) {
    List<String> names = identifier.names;
    if (names.size() == 3 && names.get(0).equalsIgnoreCase(SalvoCatalog.TPCH_CATALOG)) {
      return new String[] {SalvoCatalog.TPCH_CATALOG, names.get(1).toLowerCase(),
          names.get(2).toLowerCase()};
    }
    if (names.size() == 2
        && names.get(0).equalsIgnoreCase(SalvoCatalog.INFORMATION_SCHEMA)) {
      return new String[] {"salvo", SalvoCatalog.INFORMATION_SCHEMA,
          names.get(1).toLowerCase()};
    }
    if (names.size() <= 2 && snapshot != null) {
      String schema = names.size() == 1 ? CatalogStore.DEFAULT_SCHEMA : names.get(0);
      String name = names.get(names.size() - 1);
      var table = snapshot.table(schema, name);
      if (table.isPresent()) {
        return new String[] {"salvo", table.get().schemaName(), table.get().name()};
      }
      var view = snapshot.view(schema, name);
      if (view.isPresent()) {
        return new String[] {"salvo", view.get().schemaName(), view.get().name()};
      }
    }
    throw QualifiedName.error(ErrorCode.TABLE_NOT_FOUND,
        "Table " + identifier + " does not exist", identifier);
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
