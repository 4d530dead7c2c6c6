package dev.salvo.server.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.QueryOptions;
import dev.salvo.server.query.StatementExecutor;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.planner.QuerySignature;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CancelConnectionQueries action stops a connection's query while it computes its first
 * batch, and a query whose ticket is not fetched yet, and leaves other connections' alone.
 */
class CancelConnectionQueriesTest {
  private static final RowType RESULT = RowType.of(new Column("n", DataType.BIGINT));

  private final BufferAllocator allocator = new RootAllocator();
  private final SlowExecutor executor = new SlowExecutor();
  private final FlightSqlEndpoint endpoint = FlightSqlEndpoint.start("127.0.0.1", 0, executor,
      SalvoCatalog.builtIn(Map.of()), allocator, "test");
  private final FlightClient client = FlightClient.builder(allocator,
      Location.forGrpcInsecure("127.0.0.1", endpoint.port())).build();
  private final FlightSqlClient sql = new FlightSqlClient(client);

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    endpoint.close();
    allocator.close();
  }

  /** A query that computes until cancelled, like a long scan before its only batch. */
  private static final class SlowStream implements ResultStream {
    final CountDownLatch computing = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public RowType rowType() {
      return RESULT;
    }

    @Override
    public Batch next() {
      computing.countDown();
      try {
        if (cancelled.await(30, TimeUnit.SECONDS)) {
          throw new SalvoException(ErrorCode.QUERY_CANCELLED, "The query was cancelled");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new AssertionError("never cancelled");
    }

    @Override
    public void cancel() {
      cancelled.countDown();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Hands out one slow stream per execution and remembers the last. */
  private static final class SlowExecutor implements StatementExecutor {
    volatile SlowStream last;
    volatile int executions;

    @Override
    public ResultStream execute(String statement) {
      return execute(statement, List.of());
    }

    @Override
    public ResultStream execute(String statement, List<?> parameters) {
      executions++;
      last = new SlowStream();
      return last;
    }

    @Override
    public QuerySignature prepare(String statement) {
      return new QuerySignature(RowType.of(), RESULT);
    }

    @Override
    public Prepared compile(String statement) {
      return new Prepared() {
        @Override
        public RowType rowType() {
          return RESULT;
        }

        @Override
        public ResultStream start(QueryOptions options) {
          return execute(statement);
        }
      };
    }

    @Override
    public StatementExecutor openSession(Map<String, String> properties) {
      return this;
    }
  }

  private static HeaderCallOption connection(String id) {
    FlightCallHeaders headers = new FlightCallHeaders();
    headers.insert(ClientConnectionId.HEADER, id);
    return new HeaderCallOption(headers);
  }

  private int cancel(String connectionId) {
    Iterator<Result> results = client.doAction(new Action(
        SalvoFlightSqlProducer.CANCEL_CONNECTION_QUERIES,
        connectionId.getBytes(StandardCharsets.UTF_8)));
    int cancelled = Integer.parseInt(new String(results.next().getBody(),
        StandardCharsets.UTF_8));
    assertFalse(results.hasNext());
    return cancelled;
  }

  @Test
  void cancelsARunningQueryOfTheNamedConnectionOnly() throws Exception {
    FlightInfo info = sql.execute("SELECT slow", connection("a"));
    CompletableFuture<FlightRuntimeException> outcome = CompletableFuture.supplyAsync(() -> {
      try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(),
          connection("a"))) {
        stream.next();
        return null;
      } catch (FlightRuntimeException e) {
        return e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (executor.last == null) {
      assertTrue(System.nanoTime() < deadline, "the query never started");
      Thread.sleep(10);
    }
    assertTrue(executor.last.computing.await(20, TimeUnit.SECONDS));

    assertEquals(0, cancel("b"));
    assertEquals(1, cancel("a"));
    FlightRuntimeException error = outcome.get(20, TimeUnit.SECONDS);
    assertTrue(error != null && error.getMessage().contains("QUERY_CANCELLED"),
        String.valueOf(error));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!executor.last.closed) {
      assertTrue(System.nanoTime() < deadline, "the cancelled query was never closed");
      Thread.sleep(10);
    }
  }

  @Test
  void cancelsAQueryWhoseTicketIsNotFetchedYet() {
    FlightInfo info = sql.execute("SELECT slow", connection("a"));
    assertEquals(1, cancel("a"));
    FlightRuntimeException error = assertThrows(FlightRuntimeException.class, () -> {
      try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(),
          connection("a"))) {
        stream.next();
      }
    });
    assertTrue(error.getMessage().contains("QUERY_CANCELLED"), error.getMessage());
    assertEquals(0, executor.executions);
  }
}
