package dev.salvo.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:salvo://host:port[/catalog[/schema]][?key=value&...]} URL. The query
 * parameters (user, password, and any option of Arrow's Flight SQL driver) pass through, except
 * {@code catalog} and {@code schema}, which this driver applies itself like the path;
 * plaintext gRPC is the default because Salvo's endpoint does not speak TLS yet.
 */
record SalvoUrl(String host, int port, String catalog, String schema,
    Map<String, String> parameters) {
  static final String PREFIX = "jdbc:salvo:";
  static final int DEFAULT_PORT = 32010;
  /** The parameter or property naming the default catalog when the path names none. */
  static final String CATALOG = "catalog";
  /** The parameter or property naming the default schema when the path names none. */
  static final String SCHEMA = "schema";

  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Parses {@code url}.
   *
   * @throws SQLException SQLSTATE 08001 for a URL that is not a Salvo URL or is malformed
   */
  static SalvoUrl parse(String url) throws SQLException {
    if (!accepts(url) || !url.startsWith(PREFIX + "//")) {
      throw invalid(url, "it must start with jdbc:salvo://");
    }
    URI uri;
    try {
      uri = new URI(url.substring("jdbc:".length()));
    } catch (URISyntaxException e) {
      throw invalid(url, e.getMessage());
    }
    if (uri.getHost() == null) {
      throw invalid(url, "it names no host");
    }
    String[] path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")
        ? new String[0] : uri.getPath().substring(1).split("/", -1);
    if (path.length > 2 || java.util.Arrays.stream(path).anyMatch(String::isEmpty)) {
      throw invalid(url, "the path must be /catalog or /catalog/schema");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      for (String pair : uri.getRawQuery().split("&")) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw invalid(url, "query parameter '" + pair + "' is not key=value");
        }
        parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return new SalvoUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        path.length > 0 ? path[0] : null, path.length > 1 ? path[1] : null, parameters);
  }

  /** The URL Arrow's Flight SQL driver connects with. */
  String flightUrl() {
    String host = this.host.contains(":") && !this.host.startsWith("[") ? "[" + this.host + "]"
        : this.host;
    return "jdbc:arrow-flight-sql://" + host + ":" + port;
  }

  /**
   * Connection properties for Arrow's driver: URL parameters, then {@code info}, which wins;
   * without {@code catalog} and {@code schema}. Arrow's driver would send a catalog as a
   * session option itself, but then fails every {@code Connection.close()} (it ends the
   * session twice, the second time on a closed channel: apache/arrow-java#66, fixed after
   * 18.3); {@link SessionDefaults} applies both instead.
   */
  Properties flightProperties(Properties info) {
    Properties properties = new Properties();
    properties.setProperty("useEncryption", "false");
    parameters.forEach(properties::setProperty);
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        properties.setProperty(name, info.getProperty(name));
      }
    }
    properties.remove(CATALOG);
    properties.remove(SCHEMA);
    return properties;
  }

  /**
   * The connection's default catalog: the path's, else a {@code catalog} property of
   * {@code info}, else a {@code catalog} URL parameter; null to keep the server's default.
   */
  String defaultCatalog(Properties info) {
    return catalog != null ? catalog : setting(CATALOG, info);
  }

  /** The connection's default schema, found like {@link #defaultCatalog(Properties)}. */
  String defaultSchema(Properties info) {
    return schema != null ? schema : setting(SCHEMA, info);
  }

  private String setting(String name, Properties info) {
    String value = info == null ? null : info.getProperty(name);
    value = value != null ? value : parameters.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static SQLException invalid(String url, String why) {
    return new SQLException("Invalid Salvo JDBC URL '" + url + "': " + why
        + "; expected jdbc:salvo://host:port[/catalog[/schema]][?user=...&password=...]",
        "08001");
  }
}
