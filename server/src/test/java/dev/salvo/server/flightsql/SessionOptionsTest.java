package dev.salvo.server.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.server.query.EngineStatementExecutor;
import dev.salvo.server.query.RunningQueries;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpSessionOptionValueVisitor;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flight's session options read and change a connection's session settings: {@code catalog}
 * and {@code schema} make names without them resolve there for that connection's later
 * statements; a bad option fails the call with Salvo's error and changes nothing; CloseSession
 * forgets the session.
 */
class SessionOptionsTest {
  @TempDir
  Path dataDirectory;

  private final BufferAllocator allocator = new RootAllocator();
  private SalvoEngine engine;
  private FlightSqlEndpoint endpoint;
  private FlightClient client;
  private FlightSqlClient sql;

  @BeforeEach
  void setUp() {
    engine = new SalvoEngine(EngineConfig.defaults().withParallelism(1)
        .withTpchSchemas(Map.of("tiny", 0.01)).withDataDirectory(dataDirectory));
    endpoint = FlightSqlEndpoint.start("127.0.0.1", 0,
        new RunningQueries(new EngineStatementExecutor(engine)), engine.catalog(),
        engine.rootAllocator().newChildAllocator("flight", 0, Long.MAX_VALUE), "test");
    client = connect();
    sql = new FlightSqlClient(client);
  }

  /** A client that keeps the session cookie, as Arrow's JDBC driver does per connection. */
  private FlightClient connect() {
    return FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", endpoint.port()))
        .intercept(new ClientCookieMiddleware.Factory()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    endpoint.close();
    engine.close();
    allocator.close();
  }

  private static SetSessionOptionsRequest options(String... namesAndValues) {
    Map<String, SessionOptionValue> options = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      options.put(namesAndValues[i],
          SessionOptionValueFactory.makeSessionOptionValue(namesAndValues[i + 1]));
    }
    return new SetSessionOptionsRequest(options);
  }

  private static long count(FlightSqlClient sql, String query) throws Exception {
    FlightInfo info = sql.execute(query);
    try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket())) {
      assertTrue(stream.next());
      return ((Number) stream.getRoot().getVector(0).getObject(0)).longValue();
    }
  }

  private Map<String, String> currentOptions(FlightSqlClient sql) {
    Map<String, String> texts = new LinkedHashMap<>();
    sql.getSessionOptions(new GetSessionOptionsRequest()).getSessionOptions().forEach(
        (name, value) -> texts.put(name, value.acceptVisitor(
            new NoOpSessionOptionValueVisitor<String>() {
              @Override
              public String visit(String text) {
                return text;
              }
            })));
    return texts;
  }

  @Test
  void catalogAndSchemaOptionsAreTheDefaultForTheConnectionsStatements() throws Exception {
    SetSessionOptionsResult result = sql.setSessionOptions(
        options("schema", "tiny", "catalog", "TPCH"));
    assertFalse(result.hasErrors());
    assertEquals(25, count(sql, "SELECT count(*) FROM nation"));
    // Prepared statements are described in the session too.
    try (FlightSqlClient.PreparedStatement prepared = sql.prepare("SELECT * FROM region")) {
      assertEquals(3, prepared.getResultSetSchema().getFields().size());
    }
    Map<String, String> current = currentOptions(sql);
    assertEquals("tpch", current.get("catalog"));
    assertEquals("tiny", current.get("schema"));
    assertEquals("4096", current.get("batch_size"));

    // Another connection has a session of its own.
    try (FlightClient other = connect()) {
      FlightSqlClient otherSql = new FlightSqlClient(other);
      FlightRuntimeException missing = assertThrows(FlightRuntimeException.class,
          () -> count(otherSql, "SELECT count(*) FROM nation"));
      assertTrue(missing.getMessage().contains("TABLE_NOT_FOUND"), missing.getMessage());
      assertEquals("main", currentOptions(otherSql).get("schema"));
    }
  }

  @Test
  void aBadOptionFailsTheCallWithSalvosErrorAndChangesNothing() {
    sql.setSessionOptions(options("schema", "tpch.tiny"));
    FlightRuntimeException schema = assertThrows(FlightRuntimeException.class,
        () -> sql.setSessionOptions(options("batch_size", "10", "schema", "nope")));
    assertEquals(FlightStatusCode.NOT_FOUND, schema.status().code());
    assertTrue(schema.getMessage().contains("SCHEMA_NOT_FOUND (SQLSTATE 3F000)"),
        schema.getMessage());
    FlightRuntimeException catalog = assertThrows(FlightRuntimeException.class,
        () -> sql.setSessionOptions(options("catalog", "nope")));
    assertTrue(catalog.getMessage().contains("CATALOG_NOT_FOUND (SQLSTATE 3D000)"),
        catalog.getMessage());
    FlightRuntimeException unknown = assertThrows(FlightRuntimeException.class,
        () -> sql.setSessionOptions(options("threads", "4")));
    assertTrue(unknown.getMessage().contains("UNKNOWN_SETTING"), unknown.getMessage());
    Map<String, SessionOptionValue> list = Map.of("schema",
        SessionOptionValueFactory.makeSessionOptionValue(new String[] {"tpch", "tiny"}));
    assertThrows(FlightRuntimeException.class,
        () -> sql.setSessionOptions(new SetSessionOptionsRequest(list)));

    Map<String, String> current = currentOptions(sql);
    assertEquals("tiny", current.get("schema"));
    assertEquals("4096", current.get("batch_size"));
  }

  @Test
  void numbersAreReadAsTextAndAnEmptyValueRestoresTheDefault() {
    sql.setSessionOptions(new SetSessionOptionsRequest(Map.of(
        "batch_size", SessionOptionValueFactory.makeSessionOptionValue(100L),
        "catalog", SessionOptionValueFactory.makeSessionOptionValue("tpch"))));
    Map<String, String> current = currentOptions(sql);
    assertEquals("100", current.get("batch_size"));
    assertFalse(current.containsKey("schema"), "a catalog of its own has no schema: " + current);

    sql.setSessionOptions(new SetSessionOptionsRequest(Map.of(
        "catalog", SessionOptionValueFactory.makeEmptySessionOptionValue())));
    assertEquals("main", currentOptions(sql).get("schema"));
  }

  @Test
  void closeSessionForgetsTheSession() throws Exception {
    sql.setSessionOptions(options("schema", "tpch.tiny"));
    assertEquals(1, endpoint.sessionCount());
    CloseSessionResult closed = sql.closeSession(new CloseSessionRequest());
    assertEquals(CloseSessionResult.Status.CLOSED, closed.getStatus());
    assertEquals(0, endpoint.sessionCount());
    // The cookie now names a fresh session with the defaults.
    assertEquals("main", currentOptions(sql).get("schema"));
  }
}
