package dev.salvo.sql.ddl;

import dev.salvo.exec.connector.storage.TableDirectories;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.catalog.TypeConversion;
import dev.salvo.sql.catalog.store.CatalogStore;
import dev.salvo.sql.catalog.store.StoredTable;
import dev.salvo.sql.planner.QueryPlanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DDL statements against the catalog store, one method per statement kind. Each change is
 * one catalog store transaction; errors carry the position of the name they are about.
 */
public final class DdlExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(DdlExecutor.class);

  private final CatalogStore store;
  private final Path tablesDirectory;
  private final QueryPlanner planner;

  public DdlExecutor(CatalogStore store, Path tablesDirectory, QueryPlanner planner) {
    this.store = store;
    this.tablesDirectory = tablesDirectory;
    this.planner = planner;
  }

  /** CREATE SCHEMA [IF NOT EXISTS]. */
  public void execute(SqlCreateSalvoSchema create) {
    if (create.name().names.size() != 1) {
      throw QualifiedName.error(ErrorCode.VALIDATION_ERROR,
          "A schema name has one part, got " + create.name(), create.name());
    }
    String name = create.name().getSimple();
    if (name.equalsIgnoreCase(SalvoCatalog.TPCH_CATALOG)
        || name.equalsIgnoreCase(SalvoCatalog.USER_CATALOG)
        || name.equalsIgnoreCase(SalvoCatalog.INFORMATION_SCHEMA)) {
      throw QualifiedName.error(ErrorCode.SCHEMA_ALREADY_EXISTS,
          "Schema name " + name + " is reserved", create.name());
    }
    try {
      store.createSchema(name, create.ifNotExists());
    } catch (SalvoException e) {
      throw QualifiedName.at(e, create.name());
    }
  }

  /**
   * CREATE TABLE with a column list (CREATE TABLE AS goes through the DML path); a name without
   * a schema goes to {@code defaults}.
   */
  public void execute(SqlCreateSalvoTable create, DefaultSchema defaults) {
    QualifiedName name = QualifiedName.of(create.name(), defaults);
    RowType rowType = declaredRowType(create.columns());
    try {
      store.createTable(name.schema(), name.name(), rowType, newDirectory(name), List.of(),
          create.ifNotExists());
    } catch (SalvoException e) {
      throw QualifiedName.at(e, create.name());
    }
  }

  /**
   * CREATE [OR REPLACE] VIEW: records the query text as written and the columns it returns. A
   * view name without a schema goes to {@code defaults}; the names in its query resolve in the
   * view's own schema, here as whenever a query uses the view, whatever the session's default.
   */
  public void execute(SqlCreateSalvoView create, String sql, DefaultSchema defaults) {
    QualifiedName name = QualifiedName.of(create.name(), defaults);
    RelDataType type = planner.validatedRowType(create.query(),
        new DefaultSchema(SalvoCatalog.USER_CATALOG, name.schema()));
    RowType rowType = TypeConversion.toRowType(type);
    List<Column> columns = new ArrayList<>(rowType.columns());
    if (create.columnNames() != null) {
      if (create.columnNames().size() != columns.size()) {
        throw QualifiedName.error(ErrorCode.VALIDATION_ERROR, "View " + name + " names "
            + create.columnNames().size() + " columns but its query returns "
            + columns.size(), create.columnNames());
      }
      for (int i = 0; i < columns.size(); i++) {
        columns.set(i, new Column(((SqlIdentifier) create.columnNames().get(i)).getSimple(),
            columns.get(i).type()));
      }
    }
    checkDistinctNames(columns, create.name());
    String text = textOf(sql, create.queryText());
    try {
      store.createView(name.schema(), name.name(), new RowType(columns), text,
          create.getReplace());
    } catch (SalvoException e) {
      throw QualifiedName.at(e, create.name());
    }
  }

  /**
   * DROP SCHEMA, DROP TABLE or DROP VIEW; a dropped table's files are deleted after commit. A
   * name without a schema lies in {@code defaults}.
   */
  public void execute(SqlDropSalvoObject drop, DefaultSchema defaults) {
    try {
      switch (drop.objectKind()) {
        case SCHEMA -> {
          List<StoredTable> dropped = store.dropSchema(drop.name().toString(), drop.ifExists(),
              drop.cascade());
          if (dropped != null) {
            dropped.forEach(this::deleteFiles);
          }
        }
        case TABLE -> {
          QualifiedName name = QualifiedName.of(drop.name(), defaults);
          store.dropTable(name.schema(), name.name(), drop.ifExists()).ifPresent(
              this::deleteFiles);
        }
        case VIEW -> {
          QualifiedName name = QualifiedName.of(drop.name(), defaults);
          store.dropView(name.schema(), name.name(), drop.ifExists());
        }
      }
    } catch (SalvoException e) {
      throw QualifiedName.at(e, drop.name());
    }
  }

  /**
   * A fresh directory name for a new table, relative to the tables directory: readable, and
   * never the same as a dropped table's whose files may still be deleted.
   */
  public static String newDirectory(QualifiedName name) {
    return safe(name.schema()) + "/" + safe(name.name()) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String safe(String name) {
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }

  private void deleteFiles(StoredTable table) {
    try {
      TableDirectories.deleteTree(tablesDirectory.resolve(table.directory()));
    } catch (IOException e) {
      // Committed already; the next start deletes directories no table owns.
      LOG.warn("Cannot delete the files of dropped table {}.{}: {}", table.schemaName(),
          table.name(), e.toString());
    }
  }

  private RowType declaredRowType(SqlNodeList declarations) {
    if (declarations == null || declarations.isEmpty()) {
      throw new SalvoException(ErrorCode.VALIDATION_ERROR,
          "CREATE TABLE needs a column list or AS query");
    }
    List<Column> columns = new ArrayList<>();
    for (SqlNode node : declarations) {
      if (!(node instanceof SqlColumnDeclaration declaration)) {
        throw QualifiedName.error(ErrorCode.VALIDATION_ERROR,
            "Column " + node + " needs a type", node);
      }
      RelDataType type;
      try {
        type = planner.deriveType(declaration.type(), declaration.nullable());
      } catch (RuntimeException e) {
        throw QualifiedName.error(ErrorCode.NOT_SUPPORTED, "Column "
            + declaration.name().getSimple() + ": type " + declaration.type()
            + " is not supported", declaration.type());
      }
      try {
        columns.add(new Column(declaration.name().getSimple(), TypeConversion.toDataType(type)));
      } catch (SalvoException e) {
        throw QualifiedName.at(e, declaration.type());
      }
    }
    checkDistinctNames(columns, declarations);
    return new RowType(columns);
  }

  /** Rejects two columns whose names differ only in case, as lookups would. */
  static void checkDistinctNames(List<Column> columns, SqlNode where) {
    Set<String> seen = new HashSet<>();
    for (Column column : columns) {
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        throw QualifiedName.error(ErrorCode.VALIDATION_ERROR,
            "Column name " + column.name() + " appears more than once", where);
      }
    }
  }

  /** The statement text between two parser positions (1-based lines and columns, inclusive). */
  static String textOf(String sql, SqlParserPos span) {
    List<String> lines = sql.lines().toList();
    StringBuilder text = new StringBuilder();
    for (int line = span.getLineNum(); line <= span.getEndLineNum(); line++) {
      String current = lines.get(line - 1);
      int from = line == span.getLineNum() ? span.getColumnNum() - 1 : 0;
      int to = line == span.getEndLineNum() ? Math.min(current.length(), span.getEndColumnNum())
          : current.length();
      text.append(current, from, to);
      if (line < span.getEndLineNum()) {
        text.append('\n');
      }
    }
    return text.toString();
  }
}
