package dev.salvo.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads and changes a connection's default catalog and schema, which live in its session on
 * the server: Salvo's session settings {@code catalog} and {@code schema}, changed with
 * {@code SET} and {@code USE}. They are sent as SQL on the connection itself because the
 * session is the connection's (by the cookie Arrow's driver keeps): Arrow's driver offers no
 * way to send Flight session options on it beyond a catalog at connect time, and in 18.3 that
 * one breaks {@code Connection.close()} (see {@link SalvoUrl#flightProperties}).
 *
 * <p>Names travel as quoted identifiers, so they are taken exactly as given (a dot inside a
 * name is part of it); Salvo matches them in any letter case.
 */
final class SessionDefaults {
  private SessionDefaults() {}

  /**
   * Makes {@code catalog} and {@code schema} the connection's default, as its URL asks: either
   * may be null, for the server's default catalog or, in another catalog, no schema. Nothing is
   * sent when both are null.
   *
   * @throws SQLException CATALOG_NOT_FOUND (3D000) or SCHEMA_NOT_FOUND (3F000) from the server
   */
  static void apply(Connection connection, String catalog, String schema) throws SQLException {
    if (catalog != null && schema != null) {
      run(connection, "USE " + identifier(catalog) + "." + identifier(schema));
    } else if (catalog != null) {
      setCatalog(connection, catalog);
    } else if (schema != null) {
      setSchema(connection, schema);
    }
  }

  /** Sets the default catalog (which clears the schema when it is another), or resets it. */
  static void setCatalog(Connection connection, String catalog) throws SQLException {
    run(connection, catalog == null ? "RESET catalog" : "SET catalog = " + identifier(catalog));
  }

  /** Sets the default schema within the current catalog, or resets it. */
  static void setSchema(Connection connection, String schema) throws SQLException {
    run(connection, schema == null ? "RESET schema" : "SET schema = " + identifier(schema));
  }

  /** The session's default catalog now. */
  static String catalog(Connection connection) throws SQLException {
    return show(connection, "catalog");
  }

  /** The session's default schema now, or null when it has none. */
  static String schema(Connection connection) throws SQLException {
    String schema = show(connection, "schema");
    return schema == null || schema.isEmpty() ? null : schema;
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW " + setting)) {
      return result.next() ? result.getString("value") : null;
    } catch (SQLException | RuntimeException e) {
      throw SalvoErrors.translate(e);
    }
  }

  private static void run(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException | RuntimeException e) {
      throw SalvoErrors.translate(e);
    }
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
