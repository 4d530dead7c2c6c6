package dev.salvo.bench;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An in-process DuckDB, offline (extensions neither installed nor loaded, their directory a
 * temporary one), over a database file cached on disk: loaded once from the same rows Salvo
 * holds, reused by later runs.
 */
public final class DuckDbEngine implements BenchEngine {
  private static final String LOADED_MARKER = "bench_loaded";

  private final Path extensionDirectory;
  private final DuckDBConnection connection;

  private DuckDbEngine(Path extensionDirectory, DuckDBConnection connection) {
    this.extensionDirectory = extensionDirectory;
    this.connection = connection;
  }

  /** Opens the cached database of {@code scale}, loading it from {@code salvo} when missing. */
  public static DuckDbEngine open(TpchScale scale, SalvoHost salvo)
      throws SQLException, IOException {
    Path file = scale.duckDbFile();
    Files.createDirectories(file.getParent());
    Path extensions = Files.createTempDirectory("duckdb-extensions");
    DuckDBConnection connection =
        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    DuckDbEngine engine = new DuckDbEngine(extensions, connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET extension_directory='" + extensions + "'");
      statement.execute("SET autoinstall_known_extensions=false");
      statement.execute("SET autoload_known_extensions=false");
      if (engine.isLoaded()) {
        Progress.say("DuckDB: cached database %s", file);
      } else {
        engine.load(salvo);
      }
    } catch (SQLException | RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  private boolean isLoaded() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return ResultRows.of(statement.executeQuery("SELECT count(*) FROM information_schema.tables"
          + " WHERE table_name = '" + LOADED_MARKER + "'")).get(0).get(0).toString().equals("1");
    }
  }

  private void load(SalvoHost salvo) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String table : TpchQueryText.TABLES) {
        long start = System.nanoTime();
        statement.execute("DROP TABLE IF EXISTS " + table);
        long rows = 0;
        try (ResultStream stream = salvo.engine()
            .execute("SELECT * FROM " + salvo.tablePrefix() + table)) {
          statement.execute(createTable(table, stream.rowType().columns()));
          try (DuckDBAppender appender = connection.createAppender(
              DuckDBConnection.DEFAULT_SCHEMA, table)) {
            Batch next;
            while ((next = stream.next()) != null) {
              try (Batch batch = next) {
                append(batch, appender);
                rows += batch.rowCount();
              }
            }
          }
        }
        Progress.say("DuckDB: loaded %s (%,d rows) in %d ms", table, rows,
            Progress.millisSince(start));
      }
      statement.execute("CREATE TABLE " + LOADED_MARKER + " (done BOOLEAN)");
      statement.execute("CHECKPOINT");
    }
  }

  private static String createTable(String name, List<Column> columns) {
    StringJoiner definition = new StringJoiner(", ", "CREATE TABLE " + name + " (", ")");
    for (Column column : columns) {
      definition.add(column.name() + " " + duckDbType(column.type())
          + (column.type().nullable() ? "" : " NOT NULL"));
    }
    return definition.toString();
  }

  private static String duckDbType(DataType type) {
    return switch (type.kind()) {
      case BIGINT -> "BIGINT";
      case INTEGER -> "INTEGER";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DATE -> "DATE";
      case VARCHAR -> "VARCHAR";
      default -> throw new IllegalArgumentException("No DuckDB type for TPC-H type " + type);
    };
  }

  private static void append(Batch batch, DuckDBAppender appender) throws SQLException {
    for (int row = 0; row < batch.rowCount(); row++) {
      appender.beginRow();
      for (FieldVector vector : batch.columns()) {
        if (vector instanceof BigIntVector bigints) {
          appender.append(bigints.get(row));
        } else if (vector instanceof IntVector ints) {
          appender.append(ints.get(row));
        } else if (vector instanceof DecimalVector decimals) {
          // TPC-H's DECIMAL(15, 2) is an unscaled 64-bit value in both engines.
          appender.appendDecimal(decimals.getDataBuffer()
              .getLong((long) row * DecimalVector.TYPE_WIDTH));
        } else if (vector instanceof DateDayVector dates) {
          appender.appendEpochDays(dates.get(row));
        } else if (vector instanceof VarCharVector strings) {
          appender.append(new String(strings.get(row), StandardCharsets.UTF_8));
        } else {
          throw new IllegalArgumentException("Unexpected vector " + vector.getField());
        }
      }
      appender.endRow();
    }
  }

  @Override
  public String name() {
    return "DuckDB";
  }

  @Override
  public String queryText(int number) {
    return TpchQueryText.sql(number, "");
  }

  @Override
  public List<List<Object>> run(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return ResultRows.of(statement.executeQuery(sql));
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      try (Stream<Path> files = Files.walk(extensionDirectory)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        Progress.say("DuckDB: could not delete %s: %s", extensionDirectory, e);
      }
    }
  }
}
