package dev.salvo.sql.script;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One script's connection to the DuckDB oracle, with its own schema for the script's tables. */
final class DuckDbSession implements ScriptEngine {
  private static final Pattern READ_PARQUET_IN_TABLE = Pattern.compile(
      "(?i)\\bTABLE\\s*\\(\\s*(read_parquet\\s*\\(\\s*'[^']*'\\s*\\))\\s*\\)");
  private static final Pattern PARQUET_IN_FILES_SCHEMA = Pattern.compile(
      "(?i)\\bfiles\\s*\\.\\s*\"([^\"]*\\.parquet)\"");

  private final DuckDbOracle oracle;
  private final Connection connection;
  private final String schema;

  DuckDbSession(DuckDbOracle oracle, Connection connection, String schema) {
    this.oracle = oracle;
    this.connection = connection;
    this.schema = schema;
  }

  @Override
  public String name() {
    return Engines.DUCKDB;
  }

  @Override
  public void execute(String sql) throws SQLException {
    oracle.loadSchemasUsedBy(sql);
    try (Statement statement = connection.createStatement()) {
      statement.execute(inDuckDbSpelling(sql));
    }
  }

  /**
   * Salvo's spellings of reading a Parquet file, {@code TABLE(read_parquet('p'))} and
   * {@code files."p.parquet"}, in DuckDB's: {@code read_parquet('p')}. DuckDB reads the same
   * file, since relative paths resolve against the same data directory.
   */
  static String inDuckDbSpelling(String sql) {
    String functions = READ_PARQUET_IN_TABLE.matcher(sql).replaceAll("$1");
    return PARQUET_IN_FILES_SCHEMA.matcher(functions).replaceAll("read_parquet('$1')");
  }

  @Override
  public QueryResult query(String sql) throws SQLException {
    oracle.loadSchemasUsedBy(sql);
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(inDuckDbSpelling(sql))) {
      ResultSetMetaData metadata = results.getMetaData();
      List<String> names = new ArrayList<>();
      for (int column = 1; column <= metadata.getColumnCount(); column++) {
        names.add(metadata.getColumnLabel(column));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (results.next()) {
        List<Object> row = new ArrayList<>(names.size());
        for (int column = 1; column <= names.size(); column++) {
          row.add(Values.normalize(results.getObject(column)));
        }
        rows.add(row);
      }
      return new QueryResult(names, rows);
    }
  }

  @Override
  public String describeError(Throwable error) {
    return String.valueOf(error.getMessage());
  }

  @Override
  public void close() {
    try (Connection closing = connection; Statement statement = connection.createStatement()) {
      statement.execute("USE memory.main");
      statement.execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop DuckDB schema " + schema, e);
    }
  }
}
