package dev.salvo.sql.function;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.catalog.store.DurableCommits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Keeps function definitions in a relational catalog database (embedded H2 by default,
 * PostgreSQL by configuration) in its own table, created at start when missing.
 */
public final class JdbcFunctionStore implements FunctionStore {
  private static final String TABLE = "salvo_functions";

  private final DataSource dataSource;

  public JdbcFunctionStore(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "name_key VARCHAR(512) PRIMARY KEY, name VARCHAR(512) NOT NULL, "
          + "definition VARCHAR(65535) NOT NULL, jar VARCHAR(4096), "
          + "created_at TIMESTAMP NOT NULL)");
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw failure("create the function catalog table", e);
    }
  }

  @Override
  public List<StoredFunction> loadAll() {
    List<StoredFunction> functions = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT name, definition, jar, created_at FROM "
              + TABLE + " ORDER BY created_at, name")) {
        while (rows.next()) {
          functions.add(new StoredFunction(rows.getString(1), rows.getString(2),
              rows.getString(3), rows.getTimestamp(4).toInstant()));
        }
      }
      // Ends the read's transaction on a pool without auto-commit, so the connection goes back
      // to the pool with no transaction open.
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw failure("read the stored functions", e);
    }
    return functions;
  }

  @Override
  public void save(StoredFunction function) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        delete(connection, function.name());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
            + " (name_key, name, definition, jar, created_at) VALUES (?, ?, ?, ?, ?)")) {
          insert.setString(1, key(function.name()));
          insert.setString(2, function.name());
          insert.setString(3, function.definition());
          insert.setString(4, function.jar());
          insert.setTimestamp(5, Timestamp.from(function.createdAt()));
          insert.executeUpdate();
        }
        DurableCommits.commit(connection);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("store function " + function.name(), e);
    }
  }

  @Override
  public void delete(String name) {
    try (Connection connection = dataSource.getConnection()) {
      // Explicit, whatever the pool's auto-commit setting: a pool may hand out connections
      // with auto-commit off, and an uncommitted delete would bring the function back.
      connection.setAutoCommit(false);
      try {
        delete(connection, name);
        DurableCommits.commit(connection);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("delete function " + name, e);
    }
  }

  private static void delete(Connection connection, String name) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + TABLE + " WHERE name_key = ?")) {
      delete.setString(1, key(name));
      delete.executeUpdate();
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static SalvoException failure(String action, SQLException e) {
    return new SalvoException(ErrorCode.INTERNAL_ERROR,
        "Could not " + action + " in the catalog store: " + e.getMessage(), e);
  }
}
