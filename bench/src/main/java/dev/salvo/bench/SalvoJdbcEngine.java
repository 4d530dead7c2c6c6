package dev.salvo.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Salvo through its JDBC driver and Flight SQL endpoint, over the loopback interface. */
public final class SalvoJdbcEngine implements BenchEngine {
  private final SalvoHost host;
  private final Connection connection;

  public SalvoJdbcEngine(SalvoHost host) throws SQLException {
    this.host = host;
    this.connection = DriverManager.getConnection(host.jdbcUrl());
  }

  @Override
  public String name() {
    return "Salvo JDBC";
  }

  @Override
  public String queryText(int number) {
    return TpchQueryText.sql(number, host.tablePrefix());
  }

  @Override
  public List<List<Object>> run(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return ResultRows.of(statement.executeQuery(sql));
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
