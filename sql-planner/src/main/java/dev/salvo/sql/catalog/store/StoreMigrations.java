package dev.salvo.sql.catalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog store's schema, as numbered migrations applied in order at start: each runs once,
 * in its own transaction, and is recorded in {@code salvo_migrations}. A new object kind (user
 * functions, say) is a new migration adding its own tables; existing migrations never change.
 *
 * <p>The SQL is the subset H2 and PostgreSQL both accept, so one list serves both.
 */
final class StoreMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(StoreMigrations.class);

  /** Version 1: schemas, relations (tables and views), their columns, table versions, files. */
  private static final List<String> VERSION_1 = List.of(
      "CREATE TABLE salvo_schemas ("
          + " schema_key VARCHAR(256) NOT NULL PRIMARY KEY,"
          + " schema_name VARCHAR(256) NOT NULL,"
          + " created_at TIMESTAMP NOT NULL)",
      "CREATE TABLE salvo_relations ("
          + " relation_id BIGINT NOT NULL PRIMARY KEY,"
          + " schema_key VARCHAR(256) NOT NULL REFERENCES salvo_schemas (schema_key),"
          + " relation_key VARCHAR(256) NOT NULL,"
          + " relation_name VARCHAR(256) NOT NULL,"
          + " kind VARCHAR(16) NOT NULL,"
          + " directory VARCHAR(1024),"
          + " view_sql VARCHAR(1000000),"
          + " current_version BIGINT NOT NULL,"
          + " created_at TIMESTAMP NOT NULL,"
          + " UNIQUE (schema_key, relation_key))",
      "CREATE TABLE salvo_columns ("
          + " relation_id BIGINT NOT NULL REFERENCES salvo_relations (relation_id)"
          + " ON DELETE CASCADE,"
          + " ordinal INTEGER NOT NULL,"
          + " column_name VARCHAR(256) NOT NULL,"
          + " type_kind VARCHAR(32) NOT NULL,"
          + " type_precision INTEGER NOT NULL,"
          + " type_scale INTEGER NOT NULL,"
          + " nullable BOOLEAN NOT NULL,"
          + " PRIMARY KEY (relation_id, ordinal))",
      "CREATE TABLE salvo_table_versions ("
          + " relation_id BIGINT NOT NULL REFERENCES salvo_relations (relation_id)"
          + " ON DELETE CASCADE,"
          + " version BIGINT NOT NULL,"
          + " operation VARCHAR(16) NOT NULL,"
          + " row_count BIGINT NOT NULL,"
          + " committed_at TIMESTAMP NOT NULL,"
          + " PRIMARY KEY (relation_id, version))",
      "CREATE TABLE salvo_data_files ("
          + " relation_id BIGINT NOT NULL REFERENCES salvo_relations (relation_id)"
          + " ON DELETE CASCADE,"
          + " file_name VARCHAR(256) NOT NULL,"
          + " row_count BIGINT NOT NULL,"
          + " batch_count INTEGER NOT NULL,"
          + " size_bytes BIGINT NOT NULL,"
          + " added_version BIGINT NOT NULL,"
          + " removed_version BIGINT,"
          + " PRIMARY KEY (relation_id, file_name))",
      "INSERT INTO salvo_schemas (schema_key, schema_name, created_at)"
          + " VALUES ('main', 'main', CURRENT_TIMESTAMP)");

  /**
   * Version 2: each data file's integer columns that were distinct when it was written
   * ({@code column:min:max} entries separated by commas), from which the planner learns keys.
   */
  private static final List<String> VERSION_2 = List.of(
      "ALTER TABLE salvo_data_files ADD COLUMN unique_columns VARCHAR(4000)");

  /**
   * Version 3: the whole type of an ARRAY or ROW column (its component fields, which the kind,
   * precision and scale columns cannot hold), as the plan codec's JSON; NULL for other columns.
   */
  private static final List<String> VERSION_3 = List.of(
      "ALTER TABLE salvo_columns ADD COLUMN type_definition VARCHAR(100000)");

  /**
   * Version 4: each table's distinct-value sketches (Base64 UltraLogLog states), one row per
   * column, describing the version named; a table whose current version has none has no
   * statistics (it was written before they were kept) and the planner guesses as before.
   */
  private static final List<String> VERSION_4 = List.of(
      "CREATE TABLE salvo_column_statistics ("
          + " relation_id BIGINT NOT NULL REFERENCES salvo_relations (relation_id)"
          + " ON DELETE CASCADE,"
          + " ordinal INTEGER NOT NULL,"
          + " version BIGINT NOT NULL,"
          + " distinct_sketch VARCHAR(100000) NOT NULL,"
          + " PRIMARY KEY (relation_id, ordinal))");

  private static final List<List<String>> MIGRATIONS =
      List.of(VERSION_1, VERSION_2, VERSION_3, VERSION_4);

  private StoreMigrations() {}

  /** The schema version this code writes. */
  static int latestVersion() {
    return MIGRATIONS.size();
  }

  /** Applies every migration the store has not seen yet. */
  static void migrate(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (!migrationTableExists(connection)) {
        statement.execute("CREATE TABLE salvo_migrations ("
            + " version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMP NOT NULL)");
        connection.commit();
      }
    }
    int current = currentVersion(connection);
    if (current > latestVersion()) {
      throw new SQLException("The catalog store has schema version " + current
          + ", newer than this server's " + latestVersion() + "; upgrade the server");
    }
    for (int version = current + 1; version <= latestVersion(); version++) {
      try (Statement statement = connection.createStatement()) {
        for (String sql : MIGRATIONS.get(version - 1)) {
          statement.execute(sql);
        }
        try (PreparedStatement record = connection.prepareStatement(
            "INSERT INTO salvo_migrations (version, applied_at) VALUES (?, ?)")) {
          record.setInt(1, version);
          record.setTimestamp(2, Timestamp.from(Instant.now()));
          record.executeUpdate();
        }
        connection.commit();
        LOG.info("Catalog store migrated to schema version {}", version);
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static boolean migrationTableExists(Connection connection) throws SQLException {
    // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
    for (String name : List.of("SALVO_MIGRATIONS", "salvo_migrations")) {
      try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT COALESCE(MAX(version), 0) FROM salvo_migrations")) {
      result.next();
      return result.getInt(1);
    }
  }
}
