package dev.salvo.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver;

/**
 * Salvo's JDBC driver, for URLs {@code jdbc:salvo://host:port[/catalog[/schema]]
 * [?user=...&password=...]} (port 32010 when omitted). It connects through Arrow's Flight SQL
 * JDBC driver, so results travel as Arrow batches end to end, and restores Salvo's error codes
 * and SQLSTATEs on the exceptions that driver throws. Registered with {@link DriverManager}
 * through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>The catalog and schema in the URL are what {@code Connection.getCatalog()} and
 * {@code getSchema()} report (tools use them as the browsing default); SQL still names tables
 * fully, as {@code tpch.tiny.lineitem}.
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
    Connection connection;
    try {
      connection = flightDriver.connect(salvoUrl.flightUrl(), salvoUrl.flightProperties(info));
    } catch (SQLException | RuntimeException e) {
      SQLException translated = SalvoErrors.translate(e);
      if (translated == e && translated.getSQLState() == null) {
        throw new SQLException("Cannot connect to Salvo at " + salvoUrl.host() + ":"
            + salvoUrl.port() + ": " + e.getMessage(), "08001", e);
      }
      throw translated;
    }
    return JdbcProxies.connection(connection, salvoUrl.catalog(), salvoUrl.schema());
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
