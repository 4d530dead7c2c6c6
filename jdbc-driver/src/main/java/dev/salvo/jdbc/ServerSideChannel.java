package dev.salvo.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.Action;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.CallOption;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.FlightClient;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.FlightStream;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.Location;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.Result;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.vector.FieldVector;
import org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A Flight client of its own to the server one JDBC connection talks to, for the two requests
 * Arrow's JDBC driver never sends: cancelling the connection's queries while no result has
 * arrived yet, and Flight SQL's GetXdbcTypeInfo. Opened on first use (most connections never
 * need it) and closed with the connection.
 */
final class ServerSideChannel implements AutoCloseable {
  /** The server's custom action that cancels one connection's queries; the body is its id. */
  static final String CANCEL_CONNECTION_QUERIES = "CancelConnectionQueries";

  /** The gRPC header that names the connection on each of its calls. */
  static final String CONNECTION_ID_HEADER = "salvo-connection-id";

  private final SalvoUrl url;
  private final Properties properties;
  private BufferAllocator allocator;
  private FlightClient client;
  private CallOption[] options = new CallOption[0];
  private boolean closed;

  ServerSideChannel(SalvoUrl url, Properties properties) {
    this.url = url;
    this.properties = properties;
  }

  /**
   * Asks the server to cancel every query of the connection with this id, running or about
   * to start.
   *
   * @return how many queries the server cancelled
   */
  int cancelQueries(String connectionId) throws SQLException {
    try {
      Iterator<Result> results = client().doAction(new Action(CANCEL_CONNECTION_QUERIES,
          connectionId.getBytes(StandardCharsets.UTF_8)), options);
      int cancelled = 0;
      while (results.hasNext()) {
        cancelled += Integer.parseInt(new String(results.next().getBody(),
            StandardCharsets.UTF_8).strip());
      }
      return cancelled;
    } catch (RuntimeException e) {
      throw SalvoErrors.translate(e);
    }
  }

  /**
   * The server's answer to GetXdbcTypeInfo, one row per type in JDBC's {@code getTypeInfo}
   * column order and sorted by DATA_TYPE as JDBC asks.
   */
  List<Object[]> typeInfo() throws SQLException {
    try {
      FlightSqlClient sql = new FlightSqlClient(client());
      FlightInfo info = sql.getXdbcTypeInfo(options);
      List<Object[]> rows = new ArrayList<>();
      for (FlightEndpoint endpoint : info.getEndpoints()) {
        try (FlightStream stream = sql.getStream(endpoint.getTicket(), options)) {
          while (stream.next()) {
            VectorSchemaRoot root = stream.getRoot();
            for (int row = 0; row < root.getRowCount(); row++) {
              rows.add(TypeInfoColumns.row(root, row));
            }
          }
        }
      }
      rows.sort(Comparator.comparingInt(row -> (Integer) row[1]));
      return rows;
    } catch (RuntimeException e) {
      throw SalvoErrors.translate(e);
    } catch (Exception e) {
      throw new SQLException("Cannot read Salvo's type information: " + e.getMessage(), e);
    }
  }

  private synchronized FlightClient client() throws SQLException {
    if (closed) {
      throw new SQLException("The connection is closed", "08003");
    }
    if (client == null) {
      allocator = new RootAllocator();
      boolean encrypted = Boolean.parseBoolean(properties.getProperty("useEncryption", "false"));
      Location location = encrypted ? Location.forGrpcTls(url.host(), url.port())
          : Location.forGrpcInsecure(url.host(), url.port());
      client = FlightClient.builder(allocator, location).build();
      String user = properties.getProperty("user");
      if (user != null) {
        Optional<CredentialCallOption> token =
            client.authenticateBasicToken(user, properties.getProperty("password", ""));
        options = token.<CallOption[]>map(option -> new CallOption[] {option})
            .orElse(new CallOption[0]);
      }
    }
    return client;
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      if (client != null) {
        client.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (allocator != null) {
        allocator.close();
      }
    }
  }

  /** Reads one row of Flight SQL's type-info schema into JDBC's {@code getTypeInfo} columns. */
  static final class TypeInfoColumns {
    private TypeInfoColumns() {}

    static Object[] row(VectorSchemaRoot root, int row) {
      return new Object[] {
          text(root, "type_name", row),
          value(root, "data_type", row),
          value(root, "column_size", row),
          text(root, "literal_prefix", row),
          text(root, "literal_suffix", row),
          createParams(root.getVector("create_params").getObject(row)),
          shortValue(value(root, "nullable", row)),
          value(root, "case_sensitive", row),
          shortValue(value(root, "searchable", row)),
          value(root, "unsigned_attribute", row),
          value(root, "fixed_prec_scale", row),
          value(root, "auto_increment", row),
          text(root, "local_type_name", row),
          shortValue(value(root, "minimum_scale", row)),
          shortValue(value(root, "maximum_scale", row)),
          value(root, "sql_data_type", row),
          value(root, "datetime_subcode", row),
          value(root, "num_prec_radix", row)};
    }

    private static Object value(VectorSchemaRoot root, String column, int row) {
      FieldVector vector = root.getVector(column);
      return vector == null ? null : vector.getObject(row);
    }

    private static String text(VectorSchemaRoot root, String column, int row) {
      Object value = value(root, column, row);
      return value == null ? null : value.toString();
    }

    private static Short shortValue(Object value) {
      return value == null ? null : ((Number) value).shortValue();
    }

    /** JDBC wants the parameter names as one comma-separated string, Flight SQL sends a list. */
    private static String createParams(Object value) {
      if (!(value instanceof List<?> list)) {
        return null;
      }
      List<String> names = new ArrayList<>();
      for (Object name : list) {
        names.add(String.valueOf(name));
      }
      return String.join(", ", names);
    }
  }
}
