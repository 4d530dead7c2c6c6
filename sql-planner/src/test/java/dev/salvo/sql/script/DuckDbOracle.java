package dev.salvo.sql.script;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.connector.tpch.TpchConnector;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference engine: one in-process DuckDB per JVM, offline (no extension is installed or
 * loaded), holding the same TPC-H rows as Salvo's {@code tpch} catalog under the same names
 * ({@code tpch.tiny.lineitem}), each schema loaded the first time a query mentions it.
 */
final class DuckDbOracle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DuckDbOracle.class);
  private static final Pattern TPCH_SCHEMA =
      Pattern.compile("\\btpch\\s*\\.\\s*\"?(\\w+)\"?", Pattern.CASE_INSENSITIVE);
  private static final int LOAD_BATCH_SIZE = 4096;

  private final TpchConnector tpch;
  private final Path extensionDirectory;
  private final DuckDBConnection connection;
  private final Set<String> loadedSchemas = new HashSet<>();
  private final AtomicInteger sessionCount = new AtomicInteger();
  private boolean closed;

  /**
   * Starts DuckDB; {@code tpchSchemas} must be the Salvo engine's, so data matches, and relative
   * file paths ({@code read_parquet('fixtures/numbers.parquet')}) are looked up in
   * {@code dataDirectory}, as Salvo does.
   */
  DuckDbOracle(Map<String, Double> tpchSchemas, Path dataDirectory)
      throws SQLException, IOException {
    this.tpch = new TpchConnector(tpchSchemas);
    this.extensionDirectory = Files.createTempDirectory("duckdb-extensions");
    this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET extension_directory='" + extensionDirectory + "'");
      statement.execute("SET autoinstall_known_extensions=false");
      statement.execute("SET autoload_known_extensions=false");
      statement.execute("SET file_search_path='"
          + dataDirectory.toAbsolutePath().toString().replace("'", "''") + "'");
      statement.execute("ATTACH ':memory:' AS tpch");
    }
  }

  /** A new session whose own tables live in a private schema, dropped when it closes. */
  DuckDbSession openSession() throws SQLException {
    String schema = "memory.script_" + sessionCount.incrementAndGet();
    DuckDBConnection session = connection.duplicate();
    try (Statement statement = session.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("USE " + schema);
    } catch (SQLException e) {
      session.close();
      throw e;
    }
    return new DuckDbSession(this, session, schema);
  }

  /** Loads every configured {@code tpch} schema that {@code sql} mentions, once per JVM. */
  synchronized void loadSchemasUsedBy(String sql) throws SQLException {
    Matcher matcher = TPCH_SCHEMA.matcher(sql);
    while (matcher.find()) {
      String schema = matcher.group(1).toLowerCase(Locale.ROOT);
      if (tpch.schemaNames().contains(schema) && loadedSchemas.add(schema)) {
        loadSchema(schema);
      }
    }
  }

  private void loadSchema(String schema) throws SQLException {
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA tpch." + schema);
      for (Map.Entry<String, TableSource> table : tpch.tables(schema).entrySet()) {
        statement.execute(createTable("tpch." + schema + "." + table.getKey(),
            table.getValue()));
        try (DuckDBAppender appender = connection.createAppender("tpch", schema,
            table.getKey())) {
          append(table.getValue(), appender);
        }
      }
    }
    log.info("Loaded TPC-H schema {} into DuckDB in {} ms", schema,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static String createTable(String name, TableSource table) {
    StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + name + " (", ")");
    for (Column column : table.rowType().columns()) {
      columns.add(column.name() + " " + duckDbType(column.type())
          + (column.type().nullable() ? "" : " NOT NULL"));
    }
    return columns.toString();
  }

  private static String duckDbType(DataType type) {
    return switch (type.kind()) {
      case BIGINT -> "BIGINT";
      case INTEGER -> "INTEGER";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DATE -> "DATE";
      case VARCHAR -> "VARCHAR";
      default -> throw new IllegalArgumentException("No DuckDB mapping for TPC-H type " + type);
    };
  }

  /** Copies every row of {@code table} into the appender, value by value without boxing. */
  private static void append(TableSource table, DuckDBAppender appender) throws SQLException {
    List<Integer> allColumns = IntStream.range(0, table.rowType().size()).boxed().toList();
    try (BufferAllocator allocator = new RootAllocator()) {
      for (TableSplit split : table.splits(1)) {
        try (BatchReader reader = table.open(split, allColumns, allocator, LOAD_BATCH_SIZE)) {
          Batch next;
          while ((next = reader.next()) != null) {
            try (Batch batch = next) {
              appendBatch(batch, appender);
            }
          }
        }
      }
    }
  }

  private static void appendBatch(Batch batch, DuckDBAppender appender) throws SQLException {
    for (int row = 0; row < batch.rowCount(); row++) {
      appender.beginRow();
      for (FieldVector vector : batch.columns()) {
        if (vector instanceof BigIntVector bigints) {
          appender.append(bigints.get(row));
        } else if (vector instanceof IntVector ints) {
          appender.append(ints.get(row));
        } else if (vector instanceof DecimalVector decimals) {
          // DECIMAL(15, 2) is stored as its unscaled 64-bit value in both engines.
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
  public synchronized void close() throws SQLException, IOException {
    if (closed) {
      return;
    }
    closed = true;
    connection.close();
    try (Stream<Path> files = Files.walk(extensionDirectory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
