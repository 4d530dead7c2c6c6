package dev.salvo.sql.metadata;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.catalog.CatalogTable;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.ddl.QualifiedName;
import dev.salvo.sql.ddl.SqlShow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * SHOW and DESCRIBE, rewritten into queries over {@code information_schema} so that they plan,
 * run and answer like any other query. Names are resolved here first, as queries resolve them
 * (in the session's default catalog and schema, then from the top), so that a missing schema
 * or table is an error at its position rather than an empty answer.
 */
public final class MetadataQueries {
  private MetadataQueries() {}

  /**
   * The query answering a SHOW statement: SHOW SCHEMAS lists the schemas of the session's
   * catalog, SHOW TABLES without FROM the tables of its schema.
   *
   * @throws SalvoException SCHEMA_NOT_FOUND, CATALOG_NOT_FOUND or TABLE_NOT_FOUND at the
   *     position of the name; VALIDATION_ERROR for SHOW TABLES when the session has no schema
   */
  public static String rewrite(SqlShow show, SalvoCatalog catalog, DefaultSchema defaults) {
    return switch (show.subject()) {
      case SCHEMAS -> "SELECT schema_name FROM information_schema.schemata"
          + " WHERE catalog_name = " + literal(defaults.catalog()) + " ORDER BY schema_name";
      case TABLES -> {
        DefaultSchema schema = show.from() == null ? sessionSchema(show, defaults)
            : schema(show.from(), catalog, defaults);
        yield "SELECT table_name, table_type FROM information_schema.tables"
            + " WHERE table_catalog = " + literal(schema.catalog())
            + " AND table_schema = " + literal(schema.schema()) + " ORDER BY table_name";
      }
      case COLUMNS -> columnsOf(show.from(), catalog, defaults);
    };
  }

  /** The query answering DESCRIBE [TABLE] name. */
  public static String rewrite(SqlDescribeTable describe, SalvoCatalog catalog,
      DefaultSchema defaults) {
    return columnsOf(describe.getTable(), catalog, defaults);
  }

  private static DefaultSchema sessionSchema(SqlShow show, DefaultSchema defaults) {
    if (defaults.schema() == null) {
      throw QualifiedName.error(ErrorCode.VALIDATION_ERROR, "The session has no default"
          + " schema (its catalog is " + defaults.catalog() + "); use SHOW TABLES FROM schema",
          show);
    }
    return defaults;
  }

  private static String columnsOf(SqlIdentifier table, SalvoCatalog catalog,
      DefaultSchema defaults) {
    CatalogTable found = table(table, catalog, defaults);
    return "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
        + " WHERE table_catalog = " + literal(found.catalog()) + " AND table_schema = "
        + literal(found.schema()) + " AND table_name = " + literal(found.table())
        + " ORDER BY ordinal_position";
  }

  /** {@code schema} (in the session's catalog, else among the user's) or catalog.schema. */
  private static DefaultSchema schema(SqlIdentifier identifier, SalvoCatalog catalog,
      DefaultSchema defaults) {
    List<String> names = identifier.names;
    try {
      if (names.size() == 2) {
        return catalog.resolve(new DefaultSchema(names.get(0), names.get(1)));
      }
      if (names.size() == 1) {
        for (String catalogName : candidateCatalogs(defaults)) {
          Optional<DefaultSchema> found = existing(catalog,
              new DefaultSchema(catalogName, names.get(0)));
          if (found.isPresent()) {
            return found.get();
          }
        }
      }
    } catch (SalvoException e) {
      throw QualifiedName.at(e, identifier);
    }
    throw QualifiedName.error(ErrorCode.SCHEMA_NOT_FOUND,
        "Schema " + identifier + " does not exist", identifier);
  }

  /**
   * The table a name means: {@code table} in the session's schema, {@code schema.table} in the
   * session's catalog or among the user's schemas, or {@code catalog.schema.table}.
   */
  private static CatalogTable table(SqlIdentifier identifier, SalvoCatalog catalog,
      DefaultSchema defaults) {
    List<String> names = identifier.names;
    List<List<String>> candidates = new ArrayList<>();
    if (names.size() == 1 && defaults.schema() != null) {
      candidates.add(List.of(defaults.catalog(), defaults.schema(), names.get(0)));
    } else if (names.size() == 2) {
      for (String catalogName : candidateCatalogs(defaults)) {
        candidates.add(List.of(catalogName, names.get(0), names.get(1)));
      }
    } else if (names.size() == 3) {
      candidates.add(names);
    }
    List<CatalogTable> tables = catalog.tables();
    for (List<String> candidate : candidates) {
      for (CatalogTable table : tables) {
        if (table.catalog().equalsIgnoreCase(candidate.get(0))
            && table.schema().equalsIgnoreCase(candidate.get(1))
            && table.table().equalsIgnoreCase(candidate.get(2))) {
          return table;
        }
      }
    }
    String hint = names.size() == 1 && defaults.schema() == null
        ? " (the session has no default schema; name the table's schema)" : "";
    throw QualifiedName.error(ErrorCode.TABLE_NOT_FOUND,
        "Table " + identifier + " does not exist" + hint, identifier);
  }

  /** Catalogs a schema name without a catalog may lie in, in the order queries try them. */
  private static List<String> candidateCatalogs(DefaultSchema defaults) {
    return defaults.isUserCatalog() ? List.of(defaults.catalog())
        : List.of(defaults.catalog(), SalvoCatalog.USER_CATALOG);
  }

  private static Optional<DefaultSchema> existing(SalvoCatalog catalog, DefaultSchema wanted) {
    try {
      return Optional.of(catalog.resolve(wanted));
    } catch (SalvoException e) {
      return Optional.empty();
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
