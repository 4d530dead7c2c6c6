package dev.salvo.server.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.FakeResultStream;
import dev.salvo.server.query.FakeStatementExecutor;
import dev.salvo.server.query.StatementExecutor;
import dev.salvo.sql.catalog.SalvoCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ARRAY and ROW columns reach Flight SQL clients as Arrow List and Struct vectors. */
class NestedTypesFlightTest {
  private static final RowType RESULT = RowType.of(
      new Column("tags", DataType.array(DataType.VARCHAR)),
      new Column("point", DataType.row(List.of(new Column("x", DataType.INTEGER),
          new Column("y", DataType.INTEGER)))));

  private final BufferAllocator allocator = new RootAllocator();
  private final FlightSqlEndpoint endpoint = FlightSqlEndpoint.start("127.0.0.1", 0,
      oneBatchExecutor(), SalvoCatalog.builtIn(Map.of()), allocator, "test");
  private final FlightClient client = FlightClient.builder(allocator,
      Location.forGrpcInsecure("127.0.0.1", endpoint.port())).build();
  private final FlightSqlClient sql = new FlightSqlClient(client);

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    endpoint.close();
    allocator.close();
  }

  @Test
  void nestedColumnsKeepTheirChildrenAndValues() throws Exception {
    FlightInfo info = sql.execute("SELECT nested");
    Field tags = info.getSchemaOptional().orElseThrow().getFields().get(0);
    assertEquals(ArrowType.List.INSTANCE, tags.getType());
    assertEquals(ArrowType.Utf8.INSTANCE, tags.getChildren().get(0).getType());
    assertEquals("VARCHAR ARRAY", tags.getMetadata().get("ARROW:FLIGHT:SQL:TYPE_NAME"));
    try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket())) {
      assertTrue(stream.next());
      VectorSchemaRoot root = stream.getRoot();
      assertEquals(2, root.getRowCount());
      FieldVector tagVector = root.getVector(0);
      FieldVector pointVector = root.getVector(1);
      assertEquals(Arrays.asList("a", null), VectorValues.get(tagVector, 0));
      assertEquals(null, VectorValues.get(tagVector, 1));
      assertEquals(List.of(1L, 2L), VectorValues.get(pointVector, 0));
      assertEquals(Arrays.asList(3L, null), VectorValues.get(pointVector, 1));
      assertFalse(stream.next());
    }
  }

  /** Answers every statement with one batch of {@link #RESULT}. */
  private StatementExecutor oneBatchExecutor() {
    FakeStatementExecutor executor = new FakeStatementExecutor();
    executor.answerWith(statement -> new FakeResultStream(RESULT, List.of(() -> Batch.of(List.of(
        VectorValues.vectorOf("tags", RESULT.type(0),
            Arrays.asList(Arrays.asList("a", null), null), allocator),
        VectorValues.vectorOf("point", RESULT.type(1),
            List.of(List.of(1L, 2L), Arrays.asList(3L, null)), allocator)), 2))));
    return executor;
  }
}
