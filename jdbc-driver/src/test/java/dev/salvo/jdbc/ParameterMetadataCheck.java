package dev.salvo.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Checks the parameter types a prepared statement reports, which come from the server. */
final class ParameterMetadataCheck {
  private ParameterMetadataCheck() {}

  static void assertParameterTypes(PreparedStatement statement, int... jdbcTypes)
      throws SQLException {
    ParameterMetaData metadata = statement.getParameterMetaData();
    assertEquals(jdbcTypes.length, metadata.getParameterCount());
    for (int i = 0; i < jdbcTypes.length; i++) {
      assertEquals(jdbcTypes[i], metadata.getParameterType(i + 1), "parameter " + (i + 1));
    }
  }
}
