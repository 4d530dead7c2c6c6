/**
 * Salvo's JDBC driver: {@code jdbc:salvo://host:port[/catalog[/schema]]}, built on Arrow's
 * Flight SQL JDBC driver; it depends on no other Salvo module.
 *
 * <pre>
 * application ─ java.sql ─> SalvoDriver ─ SalvoUrl ─> jdbc:arrow-flight-sql://host:port
 *                              ├─ JdbcProxies: every Connection, Statement, ResultSet and
 *                              │  DatabaseMetaData handed out, so that errors become
 *                              │  SQLExceptions with Salvo's SQLSTATE (SalvoErrors)
 *                              └─ SessionDefaults: the URL's catalog and schema, and
 *                                 get/setCatalog and get/setSchema, as the server session's
 *                                 default for names (SET / USE on the connection)
 * </pre>
 */
package dev.salvo.jdbc;
