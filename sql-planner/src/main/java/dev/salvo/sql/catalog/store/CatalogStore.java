package dev.salvo.sql.catalog.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.DistinctValueSketches;
import dev.salvo.exec.connector.storage.UniqueColumn;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.fragment.PlanCodec;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable catalog: schemas, tables with their committed versions and data files, and views,
 * kept in a relational database (embedded H2 by default, PostgreSQL by configuration) through a
 * HikariCP pool.
 *
 * <p>Every change is one database transaction, so a table version and the files it lists become
 * visible together or not at all. Readers never touch the database: they take the immutable
 * {@link #snapshot()}, which this store replaces after each of its own commits. One server owns
 * a store; changes made by others are not seen until restart. Thread-safe: changes are
 * serialized.
 */
public final class CatalogStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);

  /** The schema tables go to when a name has no schema; like PostgreSQL's public. */
  public static final String DEFAULT_SCHEMA = "main";

  private static final String TABLE = "TABLE";
  private static final String VIEW = "VIEW";

  private final HikariDataSource dataSource;
  private volatile CatalogSnapshot snapshot;

  private CatalogStore(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Connects, creates or migrates the store's schema and loads the first snapshot.
   *
   * @throws SalvoException CATALOG_STORE_ERROR when the database cannot be reached or migrated
   */
  public static CatalogStore open(CatalogStoreConfig config) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(config.jdbcUrl());
    pool.setUsername(config.user());
    pool.setPassword(config.password());
    pool.setMaximumPoolSize(config.maxPoolSize());
    pool.setMinimumIdle(1);
    pool.setPoolName("salvo-catalog-store");
    pool.setAutoCommit(false);
    // Serializable is what the optimistic version checks below assume on every database.
    pool.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      throw new SalvoException(ErrorCode.CATALOG_STORE_ERROR,
          "Cannot open the catalog store at " + config.describe() + ": " + rootMessage(e)
              + lockedHint(e), e);
    }
    CatalogStore store = new CatalogStore(dataSource);
    try (Connection connection = dataSource.getConnection()) {
      StoreMigrations.migrate(connection);
      store.snapshot = store.load(connection);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      throw new SalvoException(ErrorCode.CATALOG_STORE_ERROR,
          "Cannot prepare the catalog store at " + config.describe() + ": " + rootMessage(e), e);
    }
    LOG.info("Catalog store {}: {} schemas, {} tables", config.describe(),
        store.snapshot.schemaNames().size(), store.snapshot.allTables().size());
    return store;
  }

  /**
   * The store's connection pool, for other catalogs kept in the same database (function
   * definitions), each in tables of its own.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The catalog as of the last commit; immutable, so a query can plan and run against it. */
  public CatalogSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Creates a schema.
   *
   * @return false when it existed and {@code ifNotExists} was given
   * @throws SalvoException SCHEMA_ALREADY_EXISTS
   */
  public synchronized boolean createSchema(String name, boolean ifNotExists) {
    if (snapshot.schema(name).isPresent()) {
      if (ifNotExists) {
        return false;
      }
      throw new SalvoException(ErrorCode.SCHEMA_ALREADY_EXISTS,
          "Schema " + name + " already exists");
    }
    inTransaction(connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO salvo_schemas (schema_key, schema_name, created_at) VALUES (?, ?, ?)")) {
        insert.setString(1, CatalogSnapshot.key(name));
        insert.setString(2, name);
        insert.setTimestamp(3, now());
        insert.executeUpdate();
      }
      return null;
    });
    return true;
  }

  /**
   * Drops a schema; with {@code cascade} its tables and views too.
   *
   * @return the tables dropped with it (their directories are the caller's to delete), or null
   *     when it did not exist and {@code ifExists} was given
   * @throws SalvoException SCHEMA_NOT_FOUND, SCHEMA_NOT_EMPTY without cascade
   */
  public synchronized List<StoredTable> dropSchema(String name, boolean ifExists,
      boolean cascade) {
    Optional<String> existing = snapshot.schema(name);
    if (existing.isEmpty()) {
      if (ifExists) {
        return null;
      }
      throw new SalvoException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + name + " does not exist");
    }
    if (CatalogSnapshot.key(name).equals(DEFAULT_SCHEMA)) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Schema " + DEFAULT_SCHEMA + " is the default schema and cannot be dropped");
    }
    List<StoredTable> tables = snapshot.tables(name);
    int objects = tables.size() + snapshot.views(name).size();
    if (objects > 0 && !cascade) {
      throw new SalvoException(ErrorCode.SCHEMA_NOT_EMPTY, "Schema " + existing.get()
          + " still holds " + objects + " tables or views; drop them first or use CASCADE");
    }
    inTransaction(connection -> {
      String key = CatalogSnapshot.key(name);
      update(connection, "DELETE FROM salvo_relations WHERE schema_key = ?", key);
      update(connection, "DELETE FROM salvo_schemas WHERE schema_key = ?", key);
      return null;
    });
    return tables;
  }

  /**
   * Creates a table whose first version holds {@code files} (empty for CREATE TABLE, the query's
   * rows for CREATE TABLE AS SELECT), all in one transaction.
   *
   * @param directory where the table's files go, relative to the tables directory
   * @return the new table, or empty when it existed and {@code ifNotExists} was given
   * @throws SalvoException SCHEMA_NOT_FOUND, TABLE_ALREADY_EXISTS
   */
  public synchronized Optional<StoredTable> createTable(String schemaName, String name,
      RowType rowType, String directory, List<DataFile> files, boolean ifNotExists) {
    String schema = requireSchema(schemaName);
    if (relationExists(schema, name)) {
      if (ifNotExists && snapshot.table(schema, name).isPresent()) {
        return Optional.empty();
      }
      throw alreadyExists(schema, name);
    }
    long id = inTransaction(connection -> {
      long relationId = nextRelationId(connection);
      insertRelation(connection, relationId, schema, name, TABLE, directory, null);
      insertColumns(connection, relationId, rowType);
      long rows = files.stream().mapToLong(DataFile::rowCount).sum();
      insertVersion(connection, relationId, 1, "CREATE", rows);
      insertFiles(connection, relationId, 1, files);
      writeStatistics(connection, relationId, 1,
          withFiles(DistinctValueSketches.emptyFor(rowType), files));
      return relationId;
    });
    return Optional.of(snapshot.table(schema, name).filter(table -> table.id() == id)
        .orElseThrow());
  }

  /**
   * Commits the next version of a table: its current files plus {@code added}; its statistics
   * are the current ones merged with the added files' (none when the table had none).
   *
   * @throws SalvoException TABLE_NOT_FOUND when the table was dropped meanwhile
   */
  public synchronized StoredTable appendFiles(long tableId, List<DataFile> added) {
    StoredTable table = currentTable(tableId);
    long version = table.version() + 1;
    inTransaction(connection -> {
      long rows = added.stream().mapToLong(DataFile::rowCount).sum();
      setVersion(connection, tableId, table.version(), version);
      insertVersion(connection, tableId, version, "INSERT", rows);
      insertFiles(connection, tableId, version, added);
      writeStatistics(connection, tableId, version, withFiles(table.distinctValues(), added));
      return null;
    });
    return currentTable(tableId);
  }

  /**
   * Commits the next version of a table as exactly {@code files}, replacing every current file,
   * provided the table is still at {@code basedOnVersion}: a DELETE computed its rows from that
   * version and must not lose rows committed since.
   *
   * @throws SalvoException TRANSACTION_CONFLICT when another statement committed meanwhile
   */
  public synchronized StoredTable replaceFiles(long tableId, long basedOnVersion,
      List<DataFile> files, String operation) {
    StoredTable table = currentTable(tableId);
    if (table.version() != basedOnVersion) {
      throw new SalvoException(ErrorCode.TRANSACTION_CONFLICT, "Table " + table.schemaName()
          + "." + table.name() + " changed while this statement ran (version "
          + basedOnVersion + " became " + table.version() + "); run the statement again");
    }
    long version = table.version() + 1;
    inTransaction(connection -> {
      setVersion(connection, tableId, table.version(), version);
      try (PreparedStatement remove = connection.prepareStatement("UPDATE salvo_data_files"
          + " SET removed_version = ? WHERE relation_id = ? AND removed_version IS NULL")) {
        remove.setLong(1, version);
        remove.setLong(2, tableId);
        remove.executeUpdate();
      }
      insertVersion(connection, tableId, version, operation,
          files.stream().mapToLong(DataFile::rowCount).sum());
      insertFiles(connection, tableId, version, files);
      // The new files hold every row of the version, so their sketches are exact for it.
      writeStatistics(connection, tableId, version,
          withFiles(DistinctValueSketches.emptyFor(table.rowType()), files));
      return null;
    });
    return currentTable(tableId);
  }

  /**
   * Commits the next version of a table with {@code merged}, which holds the rows of
   * {@code replaced} in order, in their place, provided each of them is still current. Nothing
   * is lost when one is not (a DELETE rewrote the table, or it was dropped meanwhile): then this
   * commits nothing and answers false, and the caller deletes {@code merged}.
   */
  public synchronized boolean replaceWithMergedFile(long tableId, List<DataFile> replaced,
      DataFile merged) {
    Optional<StoredTable> current = snapshot.allTables().stream()
        .filter(table -> table.id() == tableId).findFirst();
    if (current.isEmpty()) {
      return false;
    }
    StoredTable table = current.get();
    Set<String> currentFiles = new HashSet<>();
    table.files().forEach(file -> currentFiles.add(file.fileName()));
    if (!replaced.stream().allMatch(file -> currentFiles.contains(file.fileName()))) {
      return false;
    }
    long version = table.version() + 1;
    inTransaction(connection -> {
      setVersion(connection, tableId, table.version(), version);
      try (PreparedStatement remove = connection.prepareStatement("UPDATE salvo_data_files"
          + " SET removed_version = ? WHERE relation_id = ? AND file_name = ?"
          + " AND removed_version IS NULL")) {
        for (DataFile file : replaced) {
          remove.setLong(1, version);
          remove.setLong(2, tableId);
          remove.setString(3, file.fileName());
          remove.addBatch();
        }
        remove.executeBatch();
      }
      insertVersion(connection, tableId, version, "MERGE FILES", merged.rowCount());
      insertFiles(connection, tableId, version, List.of(merged));
      // The same rows in fewer files: the statistics stay as they were.
      writeStatistics(connection, tableId, version, table.distinctValues());
      return null;
    });
    return true;
  }

  /**
   * Replaces the statistics of a table's current version (what ANALYZE computed from it),
   * provided the table is still at {@code basedOnVersion}; no new version is committed, since
   * the rows did not change.
   *
   * @throws SalvoException TRANSACTION_CONFLICT when another statement committed meanwhile,
   *     TABLE_NOT_FOUND when the table was dropped
   */
  public synchronized StoredTable setStatistics(long tableId, long basedOnVersion,
      DistinctValueSketches distinctValues) {
    StoredTable table = currentTable(tableId);
    if (table.version() != basedOnVersion) {
      throw new SalvoException(ErrorCode.TRANSACTION_CONFLICT, "Table " + table.schemaName()
          + "." + table.name() + " changed while it was analyzed (version "
          + basedOnVersion + " became " + table.version() + "); run ANALYZE again");
    }
    inTransaction(connection -> {
      writeStatistics(connection, tableId, basedOnVersion, distinctValues);
      return null;
    });
    return currentTable(tableId);
  }

  /**
   * Drops a table.
   *
   * @return the dropped table (its directory is the caller's to delete), or empty when it did not
   *     exist and {@code ifExists} was given
   * @throws SalvoException TABLE_NOT_FOUND, WRONG_OBJECT_TYPE for a view
   */
  public synchronized Optional<StoredTable> dropTable(String schemaName, String name,
      boolean ifExists) {
    Optional<StoredTable> table = snapshot.schema(schemaName)
        .flatMap(schema -> snapshot.table(schema, name));
    if (table.isEmpty()) {
      if (snapshot.schema(schemaName).flatMap(schema -> snapshot.view(schema, name)).isPresent()) {
        throw new SalvoException(ErrorCode.WRONG_OBJECT_TYPE,
            schemaName + "." + name + " is a view; use DROP VIEW");
      }
      if (ifExists) {
        return Optional.empty();
      }
      throw new SalvoException(ErrorCode.TABLE_NOT_FOUND,
          "Table " + schemaName + "." + name + " does not exist");
    }
    deleteRelation(table.get().id());
    return table;
  }

  /**
   * Creates (or with {@code orReplace} replaces) a view.
   *
   * @throws SalvoException SCHEMA_NOT_FOUND, TABLE_ALREADY_EXISTS (a table or view of that
   *     name; a table is never replaced)
   */
  public synchronized StoredView createView(String schemaName, String name, RowType rowType,
      String sql, boolean orReplace) {
    String schema = requireSchema(schemaName);
    Optional<StoredView> existing = snapshot.view(schema, name);
    if (snapshot.table(schema, name).isPresent() || (existing.isPresent() && !orReplace)) {
      throw alreadyExists(schema, name);
    }
    inTransaction(connection -> {
      if (existing.isPresent()) {
        update(connection, "DELETE FROM salvo_relations WHERE relation_id = ?",
            existing.get().id());
      }
      long relationId = nextRelationId(connection);
      insertRelation(connection, relationId, schema, name, VIEW, null, sql);
      insertColumns(connection, relationId, rowType);
      return null;
    });
    return snapshot.view(schema, name).orElseThrow();
  }

  /**
   * Drops a view.
   *
   * @return false when it did not exist and {@code ifExists} was given
   * @throws SalvoException TABLE_NOT_FOUND, WRONG_OBJECT_TYPE for a table
   */
  public synchronized boolean dropView(String schemaName, String name, boolean ifExists) {
    Optional<StoredView> view = snapshot.schema(schemaName)
        .flatMap(schema -> snapshot.view(schema, name));
    if (view.isEmpty()) {
      if (snapshot.schema(schemaName).flatMap(schema -> snapshot.table(schema, name))
          .isPresent()) {
        throw new SalvoException(ErrorCode.WRONG_OBJECT_TYPE,
            schemaName + "." + name + " is a table; use DROP TABLE");
      }
      if (ifExists) {
        return false;
      }
      throw new SalvoException(ErrorCode.TABLE_NOT_FOUND,
          "View " + schemaName + "." + name + " does not exist");
    }
    deleteRelation(view.get().id());
    return true;
  }

  /**
   * Forgets files that no current version lists any more (replaced by DELETE before this
   * start); called at start, before any statement runs, so no reader can still need them.
   */
  public synchronized void forgetReplacedFiles() {
    inTransaction(connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM salvo_data_files WHERE removed_version IS NOT NULL")) {
        delete.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Closes the pool; an embedded H2 store is first rewritten compactly, since its file only
   * grows while it runs (every commit is appended, see {@link CatalogStoreConfig#embeddedIn}).
   */
  @Override
  public void close() {
    dataSource.close();
    if (dataSource.getJdbcUrl().startsWith("jdbc:h2:")) {
      // A connection of its own, opened once the pool's are closed: a pooled one would be
      // rolled back by the pool after SHUTDOWN has closed the database under it.
      try (Connection connection = DriverManager.getConnection(dataSource.getJdbcUrl(),
              dataSource.getUsername(), dataSource.getPassword());
          Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN COMPACT");
      } catch (SQLException e) {
        LOG.warn("Could not compact the catalog store: {}", e.toString());
      }
    }
  }

  private String requireSchema(String schemaName) {
    return snapshot.schema(schemaName).orElseThrow(() -> new SalvoException(
        ErrorCode.SCHEMA_NOT_FOUND, "Schema " + schemaName + " does not exist"));
  }

  private boolean relationExists(String schema, String name) {
    return snapshot.table(schema, name).isPresent() || snapshot.view(schema, name).isPresent();
  }

  private static SalvoException alreadyExists(String schema, String name) {
    return new SalvoException(ErrorCode.TABLE_ALREADY_EXISTS,
        "A table or view named " + schema + "." + name + " already exists");
  }

  private StoredTable currentTable(long tableId) {
    return snapshot.allTables().stream().filter(table -> table.id() == tableId).findFirst()
        .orElseThrow(() -> new SalvoException(ErrorCode.TABLE_NOT_FOUND,
            "The table was dropped while this statement ran"));
  }

  private void deleteRelation(long relationId) {
    inTransaction(connection -> {
      update(connection, "DELETE FROM salvo_relations WHERE relation_id = ?", relationId);
      return null;
    });
  }

  /** A unit of work on one connection; commits are the caller's. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction, commits, then reloads the snapshot. */
  private <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      try {
        T result = work.run(connection);
        DurableCommits.commit(connection);
        snapshot = load(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SalvoException(ErrorCode.CATALOG_STORE_ERROR,
          "The catalog store failed: " + rootMessage(e), e);
    }
  }

  private static long nextRelationId(Connection connection) throws SQLException {
    // Changes are serialized by this class, so the next free number cannot be taken twice.
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT COALESCE(MAX(relation_id), 0) + 1 FROM salvo_relations");
        ResultSet result = select.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void insertRelation(Connection connection, long id, String schema, String name,
      String kind, String directory, String viewSql) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO salvo_relations"
        + " (relation_id, schema_key, relation_key, relation_name, kind, directory, view_sql,"
        + " current_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setString(2, CatalogSnapshot.key(schema));
      insert.setString(3, CatalogSnapshot.key(name));
      insert.setString(4, name);
      insert.setString(5, kind);
      insert.setString(6, directory);
      insert.setString(7, viewSql);
      insert.setLong(8, kind.equals(TABLE) ? 1 : 0);
      insert.setTimestamp(9, now());
      insert.executeUpdate();
    }
  }

  private static void insertColumns(Connection connection, long relationId, RowType rowType)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO salvo_columns"
        + " (relation_id, ordinal, column_name, type_kind, type_precision, type_scale, nullable,"
        + " type_definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rowType.size(); i++) {
        Column column = rowType.column(i);
        insert.setLong(1, relationId);
        insert.setInt(2, i + 1);
        insert.setString(3, column.name());
        insert.setString(4, column.type().kind().name());
        insert.setInt(5, column.type().precision());
        insert.setInt(6, column.type().scale());
        insert.setBoolean(7, column.type().nullable());
        insert.setString(8, column.type().kind().isNested()
            ? PlanCodec.writeType(column.type()) : null);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertVersion(Connection connection, long relationId, long version,
      String operation, long rowCount) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO"
        + " salvo_table_versions (relation_id, version, operation, row_count, committed_at)"
        + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setLong(1, relationId);
      insert.setLong(2, version);
      insert.setString(3, operation);
      insert.setLong(4, rowCount);
      insert.setTimestamp(5, now());
      insert.executeUpdate();
    }
  }

  private static void insertFiles(Connection connection, long relationId, long version,
      List<DataFile> files) throws SQLException {
    if (files.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO salvo_data_files"
        + " (relation_id, file_name, row_count, batch_count, size_bytes, added_version,"
        + " unique_columns) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (DataFile file : files) {
        insert.setLong(1, relationId);
        insert.setString(2, file.fileName());
        insert.setLong(3, file.rowCount());
        insert.setInt(4, file.batchCount());
        insert.setLong(5, file.sizeBytes());
        insert.setLong(6, version);
        insert.setString(7, encodeUniqueColumns(file.uniqueColumns()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The entries that fit the column's 4000 characters; any left out only mean fewer keys known
   * to the planner, never a wrong one.
   */
  private static String encodeUniqueColumns(List<UniqueColumn> columns) {
    StringBuilder text = new StringBuilder();
    for (UniqueColumn column : columns) {
      String entry = column.encode();
      if (text.length() + entry.length() + 1 > 4000) {
        break;
      }
      text.append(text.isEmpty() ? "" : ",").append(entry);
    }
    return text.toString();
  }

  private static DistinctValueSketches withFiles(DistinctValueSketches base,
      List<DataFile> files) {
    DistinctValueSketches merged = base;
    for (DataFile file : files) {
      merged = merged.merge(file.distinctValues());
    }
    return merged;
  }

  /** Makes {@code distinctValues} the table's statistics, describing {@code version}. */
  private static void writeStatistics(Connection connection, long relationId, long version,
      DistinctValueSketches distinctValues) throws SQLException {
    update(connection, "DELETE FROM salvo_column_statistics WHERE relation_id = ?", relationId);
    if (distinctValues.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO"
        + " salvo_column_statistics (relation_id, ordinal, version, distinct_sketch)"
        + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<Integer, String> sketch : distinctValues.encode().entrySet()) {
        insert.setLong(1, relationId);
        insert.setInt(2, sketch.getKey() + 1);
        insert.setLong(3, version);
        insert.setString(4, sketch.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void setVersion(Connection connection, long relationId, long expected,
      long next) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE salvo_relations"
        + " SET current_version = ? WHERE relation_id = ? AND current_version = ?")) {
      update.setLong(1, next);
      update.setLong(2, relationId);
      update.setLong(3, expected);
      if (update.executeUpdate() != 1) {
        throw new SalvoException(ErrorCode.TRANSACTION_CONFLICT,
            "The table changed while this statement ran; run the statement again");
      }
    }
  }

  private static void update(Connection connection, String sql, Object key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, key);
      statement.executeUpdate();
    }
  }

  /** Reads the whole catalog; small, and only after a change. */
  private CatalogSnapshot load(Connection connection) throws SQLException {
    List<String> schemas = new ArrayList<>();
    Map<String, String> schemaNames = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT schema_key, schema_name FROM salvo_schemas ORDER BY schema_key");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        schemas.add(rows.getString(2));
        schemaNames.put(rows.getString(1), rows.getString(2));
      }
    }
    Map<Long, List<Column>> columns = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT relation_id,"
        + " column_name, type_kind, type_precision, type_scale, nullable, type_definition"
        + " FROM salvo_columns ORDER BY relation_id, ordinal");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String definition = rows.getString(7);
        DataType type = definition != null ? PlanCodec.readType(definition)
            : new DataType(TypeKind.valueOf(rows.getString(3)), rows.getInt(4),
                rows.getInt(5), rows.getBoolean(6));
        columns.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
            .add(new Column(rows.getString(2), type));
      }
    }
    Map<Long, List<DataFile>> files = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT relation_id, file_name,"
        + " row_count, batch_count, size_bytes, unique_columns FROM salvo_data_files"
        + " WHERE removed_version IS NULL ORDER BY relation_id, added_version, file_name");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String unique = rows.getString(6);
        List<UniqueColumn> uniqueColumns = unique == null || unique.isEmpty() ? List.of()
            : Arrays.stream(unique.split(",")).map(UniqueColumn::decode).toList();
        files.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(new DataFile(
            rows.getString(2), rows.getLong(3), rows.getInt(4), rows.getLong(5),
            uniqueColumns));
      }
    }
    Map<Long, Long> statisticsVersions = new HashMap<>();
    Map<Long, Map<Integer, String>> sketches = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT relation_id, ordinal,"
        + " version, distinct_sketch FROM salvo_column_statistics");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        statisticsVersions.put(rows.getLong(1), rows.getLong(3));
        sketches.computeIfAbsent(rows.getLong(1), id -> new HashMap<>())
            .put(rows.getInt(2) - 1, rows.getString(4));
      }
    }
    List<StoredTable> tables = new ArrayList<>();
    List<StoredView> views = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT relation_id,"
        + " schema_key, relation_name, kind, directory, view_sql, current_version"
        + " FROM salvo_relations ORDER BY relation_id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        long id = rows.getLong(1);
        String schema = schemaNames.get(rows.getString(2));
        RowType rowType = new RowType(columns.getOrDefault(id, List.of()));
        if (rows.getString(4).equals(TABLE)) {
          long version = rows.getLong(7);
          DistinctValueSketches distinctValues =
              statisticsVersions.getOrDefault(id, -1L) == version
                  ? decodeStatistics(rows.getString(3), sketches.get(id))
                  : DistinctValueSketches.none();
          tables.add(new StoredTable(id, schema, rows.getString(3), rowType, rows.getString(5),
              version, files.getOrDefault(id, List.of()), distinctValues));
        } else {
          views.add(new StoredView(id, schema, rows.getString(3), rowType, rows.getString(6)));
        }
      }
    }
    return new CatalogSnapshot(schemas, tables, views);
  }

  /** Statistics that cannot be read only cost the planner its estimates, never the table. */
  private static DistinctValueSketches decodeStatistics(String table,
      Map<Integer, String> encoded) {
    try {
      return DistinctValueSketches.decode(encoded);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring unreadable statistics of table {}: {}", table, e.toString());
      return DistinctValueSketches.none();
    }
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }

  /** What to do when the embedded store's file is held by another process. */
  private static String lockedHint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      // H2's "database already in use" (90020): its file lock is taken.
      if (cause instanceof SQLException sql && sql.getErrorCode() == 90020) {
        return " (another Salvo process, a server or a benchmark, is using this data directory:"
            + " stop it, or give this one another data.dir)";
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return "";
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
