package dev.salvo.sql.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The Parquet files that {@code files.test} reads, written by DuckDB when the tests start (into
 * the fixtures directory, beside the CSV fixtures) so that no binary file is kept in the
 * repository and DuckDB's own {@code read_parquet} of the same files is the reference answer.
 */
final class ParquetFixtures {
  private ParquetFixtures() {}

  /** Writes every fixture into {@code directory}. */
  static void write(Path directory) throws SQLException, IOException {
    Files.createDirectories(directory.resolve("parts"));
    Files.createDirectories(directory.resolve("mixed"));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      // The same fruit as fruit.csv, with exact types instead of inferred ones.
      copy(statement, """
          SELECT id::BIGINT AS id, name, price::DECIMAL(10,2) AS price, sold, active, stocked
          FROM (VALUES
            (1, 'apple', 1.50, DATE '2024-01-02', true, TIMESTAMP '2024-01-02 08:30:00'),
            (2, 'banana, ripe', 0.25, DATE '2024-02-03', false, TIMESTAMP '2024-02-03 09:00:01'),
            (3, 'say "hi"', NULL, DATE '2024-03-04', NULL, NULL),
            (4, NULL, 10.00, NULL, true, TIMESTAMP '2024-04-05 23:59:59.5')
          ) AS t(id, name, price, sold, active, stocked)
          """, directory.resolve("fruit.parquet"), "");
      // Enough rows for several row groups, so that filters can skip some of them.
      copy(statement, """
          SELECT range AS n, (range % 7)::INTEGER AS n_mod,
            CASE WHEN range % 11 = 0 THEN NULL ELSE 'label' || (range % 13) END AS label,
            (range * 0.25)::DECIMAL(12,2) AS amount,
            DATE '2023-01-01' + (range % 730)::INTEGER AS sale_day,
            TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (range) MINUTE AS created_at,
            CASE WHEN range % 17 = 0 THEN NULL ELSE range / 7.0 END AS ratio,
            range % 2 = 0 AS even, (range % 300)::SMALLINT AS small_n,
            (range % 100)::TINYINT AS tiny_n, (range / 4.0)::REAL AS quarter_n
          FROM range(10000)
          """, directory.resolve("numbers.parquet"), ", ROW_GROUP_SIZE 2048");
      for (int part = 0; part < 4; part++) {
        copy(statement, "SELECT range AS id, 'part" + part + "' AS part, (range * " + (part + 1)
            + ")::DECIMAL(10,2) AS total FROM range(" + part * 250 + ", " + (part + 1) * 250 + ")",
            directory.resolve("parts/part-" + part + ".parquet"), "");
      }
      // Types Salvo reads by converting them.
      copy(statement, """
          SELECT * FROM (VALUES
            (4294967295::UINTEGER, 18446744073709551615::UBIGINT, 255::UTINYINT,
              TIMESTAMPTZ '2024-05-06 07:08:09.123456+00', TIMESTAMP_NS '2024-05-06 07:08:09',
              TIME '10:11:12.345', '\\x01\\xFF'::BLOB),
            (NULL, NULL, NULL, NULL, NULL, NULL, NULL)
          ) AS t(u32, u64, u8, zoned, nanos, clock, bytes)
          """, directory.resolve("types.parquet"), "");
      copy(statement, "SELECT 1 AS id, ['a', 'b'] AS tags", directory.resolve("nested.parquet"),
          "");
      copy(statement, "SELECT 1 AS id", directory.resolve("mixed/a.parquet"), "");
      copy(statement, "SELECT 'one' AS id", directory.resolve("mixed/b.parquet"), "");
    }
    // A file cut short, as an interrupted copy leaves it: the footer is missing.
    byte[] whole = Files.readAllBytes(directory.resolve("numbers.parquet"));
    Files.write(directory.resolve("truncated.parquet"), Arrays.copyOf(whole, whole.length / 2));
  }

  private static void copy(Statement statement, String query, Path file, String options)
      throws SQLException {
    statement.execute("COPY (" + query + ") TO '" + file.toString().replace("'", "''")
        + "' (FORMAT PARQUET" + options + ")");
  }
}
