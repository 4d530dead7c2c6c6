package dev.salvo.bench;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's own Enumerable engine (through {@code jdbc:calcite:}) over in-memory tables of
 * {@code Object[]} rows copied from Salvo. The row types are declared (DECIMAL(15,2), DATE,
 * INTEGER...), not reflected from Java fields, which would turn money into DECIMAL(19,0).
 */
public final class CalciteEngine implements BenchEngine {
  private final Connection connection;

  private CalciteEngine(Connection connection) {
    this.connection = connection;
  }

  /** Copies every TPC-H table of {@code salvo} into the heap and opens a Calcite connection. */
  public static CalciteEngine load(SalvoHost salvo) throws SQLException {
    Properties info = new Properties();
    // TPC-H texts name tables and columns in lower case, unquoted.
    info.setProperty("lex", "JAVA");
    Connection connection = DriverManager.getConnection("jdbc:calcite:", info);
    try {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      SchemaPlus schema = root.add("tpch", new org.apache.calcite.schema.impl.AbstractSchema());
      for (String table : TpchQueryText.TABLES) {
        long start = System.nanoTime();
        InMemoryTable copy = InMemoryTable.copyOf(salvo, salvo.tablePrefix() + table);
        schema.add(table, copy);
        Progress.say("Calcite: copied %s (%,d rows) into the heap in %d ms", table,
            copy.rows.size(), Progress.millisSince(start));
      }
      connection.unwrap(CalciteConnection.class).setSchema("tpch");
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return new CalciteEngine(connection);
  }

  @Override
  public String name() {
    return "Calcite";
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
    connection.close();
  }

  /** A table of rows in Calcite's internal representation: DATE as int days, DECIMAL as BigDecimal. */
  static final class InMemoryTable extends AbstractTable implements ScannableTable {
    private final List<Column> columns;
    private final List<Object[]> rows;

    private InMemoryTable(List<Column> columns, List<Object[]> rows) {
      this.columns = columns;
      this.rows = rows;
    }

    static InMemoryTable copyOf(SalvoHost salvo, String qualifiedName) {
      List<Object[]> rows = new ArrayList<>();
      // Flags, priorities and modes repeat millions of times: share one String per value.
      Map<String, String> shortStrings = new HashMap<>();
      try (ResultStream stream = salvo.engine().execute("SELECT * FROM " + qualifiedName)) {
        List<Column> columns = stream.rowType().columns();
        Batch next;
        while ((next = stream.next()) != null) {
          try (Batch batch = next) {
            for (int row = 0; row < batch.rowCount(); row++) {
              Object[] values = new Object[batch.columnCount()];
              for (int column = 0; column < values.length; column++) {
                values[column] = value(batch.column(column), row, shortStrings);
              }
              rows.add(values);
            }
          }
        }
        return new InMemoryTable(columns, rows);
      }
    }

    private static Object value(FieldVector vector, int row, Map<String, String> shortStrings) {
      if (vector.isNull(row)) {
        return null;
      }
      if (vector instanceof BigIntVector bigints) {
        return bigints.get(row);
      } else if (vector instanceof IntVector ints) {
        return ints.get(row);
      } else if (vector instanceof DecimalVector decimals) {
        return decimals.getObject(row);
      } else if (vector instanceof DateDayVector dates) {
        return dates.get(row);
      } else if (vector instanceof VarCharVector strings) {
        String text = new String(strings.get(row), StandardCharsets.UTF_8);
        return text.length() <= 16 ? shortStrings.computeIfAbsent(text, key -> key) : text;
      }
      throw new IllegalArgumentException("Unexpected vector " + vector.getField());
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (Column column : columns) {
        builder.add(column.name(), typeFactory.createTypeWithNullability(
            sqlType(typeFactory, column.type()), column.type().nullable()));
      }
      return builder.build();
    }

    private static RelDataType sqlType(RelDataTypeFactory typeFactory, DataType type) {
      return switch (type.kind()) {
        case BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
        case INTEGER -> typeFactory.createSqlType(SqlTypeName.INTEGER);
        case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, type.precision(),
            type.scale());
        case DATE -> typeFactory.createSqlType(SqlTypeName.DATE);
        case VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
        default -> throw new IllegalArgumentException("No Calcite type for TPC-H type " + type);
      };
    }

    @Override
    public Statistic getStatistic() {
      return Statistics.of(rows.size(), List.of());
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return new AbstractEnumerable<>() {
        @Override
        public Enumerator<Object[]> enumerator() {
          return new InterruptibleEnumerator(Linq4j.enumerator(rows));
        }
      };
    }
  }

  /**
   * Rows that stop at the first move after their thread is interrupted. Calcite's joins and
   * sorts ignore interruption, so without this a query the benchmark gave up on would keep one
   * core busy, and every query timed after it would share the two cores with it.
   */
  private static final class InterruptibleEnumerator implements Enumerator<Object[]> {
    private final Enumerator<Object[]> rows;

    InterruptibleEnumerator(Enumerator<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public Object[] current() {
      return rows.current();
    }

    @Override
    public boolean moveNext() {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("the benchmark gave up on this query");
      }
      return rows.moveNext();
    }

    @Override
    public void reset() {
      rows.reset();
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
