package dev.salvo.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;
import org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver;

/**
 * Salvo's JDBC driver, for URLs {@code jdbc:salvo://host:port[/catalog[/schema]]
 * [?user=...&password=...]} (port 32010 when omitted). It connects through Arrow's Flight SQL
 * JDBC driver, so results travel as Arrow batches end to end, and restores Salvo's error codes
 * and SQLSTATEs on the exceptions that driver throws. Registered with {@link DriverManager}
 * through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>The catalog and schema in the URL (or {@code catalog} and {@code schema} parameters or
 * properties, where the path names none) become the connection's defaults on the server, so
 * that with {@code jdbc:salvo://host:32010/tpch/tiny} {@code SELECT count(*) FROM nation} reads
 * {@code tpch.tiny.nation}; {@code Connection.setCatalog}/{@code setSchema} change them for
 * later statements and {@code getCatalog}/{@code getSchema} report them. A catalog or schema
 * that does not exist fails the connect with SQLSTATE 3D000 or 3F000.
 */
public final class SalvoDriver implements Driver {
  private static final int MAJOR_VERSION = 0;
  private static final int MINOR_VERSION = 1;

  static {
    try {
      DriverManager.registerDriver(new SalvoDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ArrowFlightJdbcDriver flightDriver = new ArrowFlightJdbcDriver();

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!SalvoUrl.accepts(url)) {
      return null;
    }
    SalvoUrl salvoUrl = SalvoUrl.parse(url);
    Properties properties = salvoUrl.flightProperties(info);
    // Arrow's driver sends properties it does not know as gRPC headers on every call.
    String connectionId = UUID.randomUUID().toString();
    properties.setProperty(ServerSideChannel.CONNECTION_ID_HEADER, connectionId);
    Connection connection;
    try {
      connection = flightDriver.connect(salvoUrl.flightUrl(), properties);
    } catch (SQLException | RuntimeException e) {
      SQLException translated = SalvoErrors.translate(e);
      if (translated == e && translated.getSQLState() == null) {
        throw new SQLException("Cannot connect to Salvo at " + salvoUrl.host() + ":"
            + salvoUrl.port() + ": " + e.getMessage(), "08001", e);
      }
      throw translated;
    }
    try {
      SessionDefaults.apply(connection, salvoUrl.defaultCatalog(info),
          salvoUrl.defaultSchema(info));
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return JdbcProxies.connection(connection, new ServerSideChannel(salvoUrl, properties),
        connectionId);
  }

  @Override
  public boolean acceptsURL(String url) {
    return SalvoUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    SalvoUrl salvoUrl = SalvoUrl.parse(url);
    return flightDriver.getPropertyInfo(salvoUrl.flightUrl(), salvoUrl.flightProperties(info));
  }

  @Override
  public int getMajorVersion() {
    return MAJOR_VERSION;
  }

  @Override
  public int getMinorVersion() {
    return MINOR_VERSION;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Salvo's driver does not log through JUL");
  }
}
