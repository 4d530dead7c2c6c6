package dev.salvo.sql.dml;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.SmallFileMerging;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.catalog.store.CatalogSnapshot;
import dev.salvo.sql.catalog.store.CatalogStore;
import dev.salvo.sql.catalog.store.StoredTable;
import dev.salvo.sql.ddl.DdlExecutor;
import dev.salvo.sql.ddl.QualifiedName;
import dev.salvo.sql.ddl.SqlCreateSalvoTable;
import dev.salvo.sql.planner.ErrorSites;
import dev.salvo.sql.planner.PlannedQuery;
import dev.salvo.sql.planner.QueryPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Plans INSERT, CREATE TABLE AS and DELETE into {@link TableWrite}s: the query producing the
 * table's new rows and the commit that publishes them.
 *
 * <p>INSERT appends a file to whatever version is current at commit (inserts never conflict),
 * then merges small files at the end of the table.
 * DELETE rewrites the table without the deleted rows and commits only if no other statement
 * committed to the table since the snapshot its rows were read from.
 */
public final class DmlPlanner {
  private final CatalogStore store;
  private final Path tablesDirectory;
  private final QueryPlanner planner;

  public DmlPlanner(CatalogStore store, Path tablesDirectory, QueryPlanner planner) {
    this.store = store;
    this.tablesDirectory = tablesDirectory;
    this.planner = planner;
  }

  /**
   * INSERT INTO table [(columns)] query-or-VALUES; names without a schema, the table's too,
   * resolve in {@code defaults}.
   */
  public TableWrite insert(SqlInsert insert, DefaultSchema defaults) {
    if (!(insert.getTargetTable() instanceof SqlIdentifier target)) {
      throw QualifiedName.error(ErrorCode.NOT_SUPPORTED, "INSERT needs a table name",
          insert.getTargetTable());
    }
    StoredTable table = requireTable(store.snapshot(), target, defaults);
    PlannedQuery source = planner.planInsert(insert, table.rowType(), defaults);
    long tableId = table.id();
    String tableName = table.schemaName() + "." + table.name();
    Path directory = tablesDirectory.resolve(table.directory());
    return new TableWrite(tableName, source.execPlan(), source.errorSites(), table.rowType(),
        directory, (files, rows) -> {
      if (!files.isEmpty()) {
        store.appendFiles(tableId, files);
      }
      return rows;
    }, allocator -> mergeSmallFiles(tableId, tableName, directory, allocator));
  }

  /**
   * Merges the small files at the end of a table into one, as {@link SmallFileMerging} decides,
   * and commits that as a version of its own: every INSERT adds a file, and without this a
   * table filled row by row would be read file by file. Nothing is merged when a concurrent
   * statement replaced those files meanwhile.
   */
  private void mergeSmallFiles(long tableId, String tableName, Path directory,
      BufferAllocator allocator) {
    StoredTable table = store.snapshot().allTables().stream()
        .filter(candidate -> candidate.id() == tableId).findFirst().orElse(null);
    if (table == null) {
      return;
    }
    List<DataFile> small = SmallFileMerging.filesToMerge(table.files());
    if (small.isEmpty()) {
      return;
    }
    DataFile merged = SmallFileMerging.merge(tableName, table.rowType(), directory, small,
        allocator);
    boolean committed = false;
    try {
      committed = store.replaceWithMergedFile(tableId, small, merged);
    } finally {
      if (!committed) {
        try {
          Files.deleteIfExists(directory.resolve(merged.fileName()));
        } catch (IOException e) {
          // An unlisted file: the next start deletes it.
        }
      }
    }
  }

  /**
   * CREATE TABLE [IF NOT EXISTS] name [(columns)] AS query: the table and its rows at once;
   * names without a schema resolve in {@code defaults}.
   */
  public TableWrite createTableAs(SqlCreateSalvoTable create, DefaultSchema defaults) {
    QualifiedName name = QualifiedName.of(create.name(), defaults);
    CatalogSnapshot snapshot = store.snapshot();
    if (snapshot.schema(name.schema()).isEmpty()) {
      throw QualifiedName.error(ErrorCode.SCHEMA_NOT_FOUND,
          "Schema " + name.schema() + " does not exist", create.name());
    }
    boolean exists = snapshot.table(name.schema(), name.name()).isPresent()
        || snapshot.view(name.schema(), name.name()).isPresent();
    if (exists && !create.ifNotExists()) {
      throw QualifiedName.error(ErrorCode.TABLE_ALREADY_EXISTS,
          "A table or view named " + name + " already exists", create.name());
    }
    if (exists) {
      return new TableWrite(name.toString(), null, ErrorSites.NONE, RowType.of(),
          tablesDirectory, (files, rows) -> 0, null);
    }
    PlannedQuery source = planner.plan(create.query(), defaults);
    RowType rowType = storedRowType(source.execPlan().outputType(), create.columns(), create);
    String directory = DdlExecutor.newDirectory(name);
    return new TableWrite(name.toString(), source.execPlan(), source.errorSites(), rowType,
        tablesDirectory.resolve(directory), (files, rows) -> {
          try {
            store.createTable(name.schema(), name.name(), rowType, directory, files,
                create.ifNotExists());
          } catch (SalvoException e) {
            throw QualifiedName.at(e, create.name());
          }
          return rows;
        }, null);
  }

  /**
   * DELETE FROM table [[AS] alias] [WHERE condition], as a rewrite of the kept rows; names
   * without a schema resolve in {@code defaults}.
   */
  public TableWrite delete(SqlDelete delete, DefaultSchema defaults) {
    if (!(delete.getTargetTable() instanceof SqlIdentifier target)) {
      throw QualifiedName.error(ErrorCode.NOT_SUPPORTED, "DELETE needs a table name",
          delete.getTargetTable());
    }
    // The snapshot is taken before planning, so the rows kept are never newer than basedOn.
    StoredTable table = requireTable(store.snapshot(), target, defaults);
    long tableId = table.id();
    long basedOn = table.version();
    long before = table.rowCount();
    PlannedQuery source = null;
    if (delete.getCondition() != null) {
      SqlParserPos pos = delete.getParserPosition();
      SqlNode from = delete.getAlias() == null ? target
          : SqlStdOperatorTable.AS.createCall(pos, target, delete.getAlias());
      SqlNode keep = SqlStdOperatorTable.IS_NOT_TRUE.createCall(pos, delete.getCondition());
      SqlSelect kept = new SqlSelect(pos, null,
          SqlNodeList.of(SqlIdentifier.star(pos)), from, keep, null, null, null, null, null,
          null, null, null);
      source = planner.plan(kept, defaults);
    }
    return new TableWrite(table.schemaName() + "." + table.name(),
        source == null ? null : source.execPlan(),
        source == null ? ErrorSites.NONE : source.errorSites(), table.rowType(),
        tablesDirectory.resolve(table.directory()), (files, rows) -> {
          store.replaceFiles(tableId, basedOn, files, "DELETE");
          return before - rows;
        }, null);
  }

  private static StoredTable requireTable(CatalogSnapshot snapshot, SqlIdentifier target,
      DefaultSchema defaults) {
    QualifiedName name = QualifiedName.of(target, defaults);
    if (snapshot.view(name.schema(), name.name()).isPresent()) {
      throw QualifiedName.error(ErrorCode.WRONG_OBJECT_TYPE,
          name + " is a view; only tables can be changed", target);
    }
    return snapshot.table(name.schema(), name.name()).orElseThrow(() -> QualifiedName.error(
        ErrorCode.TABLE_NOT_FOUND, "Table " + name + " does not exist", target));
  }

  /** CREATE TABLE AS columns: the query's names (or the given ones) and types, nullable. */
  private static RowType storedRowType(RowType queryType, SqlNodeList names, SqlNode where) {
    if (names != null && names.size() != queryType.size()) {
      throw QualifiedName.error(ErrorCode.VALIDATION_ERROR, "CREATE TABLE names "
          + names.size() + " columns but its query returns " + queryType.size(), names);
    }
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < queryType.size(); i++) {
      Column column = queryType.column(i);
      String name = names == null ? column.name() : names.get(i).toString();
      if (column.type().kind() == TypeKind.NULL) {
        throw QualifiedName.error(ErrorCode.TYPE_MISMATCH, "Column " + name
            + " has no type (NULL); cast it to the type it should have", where);
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw QualifiedName.error(ErrorCode.VALIDATION_ERROR, "Column name " + name
            + " appears more than once; give the query's columns distinct aliases", where);
      }
      DataType type = column.type().withNullable(true);
      columns.add(new Column(name, type));
    }
    return new RowType(columns);
  }
}
