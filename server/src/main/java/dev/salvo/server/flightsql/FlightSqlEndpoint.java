package dev.salvo.server.flightsql;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.query.StatementExecutor;
import dev.salvo.sql.catalog.SalvoCatalog;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Arrow Flight SQL server JDBC clients connect to: gRPC on Netty, plaintext. */
public final class FlightSqlEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlightSqlEndpoint.class);

  private final BufferAllocator allocator;
  private final SalvoFlightSqlProducer producer;
  private final FlightServer server;

  private FlightSqlEndpoint(BufferAllocator allocator, SalvoFlightSqlProducer producer,
      FlightServer server) {
    this.allocator = allocator;
    this.producer = producer;
    this.server = server;
  }

  /**
   * Starts listening on {@code host:port} (port 0 picks a free one).
   *
   * @param parentAllocator the engine's root allocator: results move from queries to the
   *     endpoint without copying only between allocators of one root
   * @throws SalvoException INVALID_CONFIGURATION when the address cannot be listened on
   */
  public static FlightSqlEndpoint start(String host, int port, StatementExecutor executor,
      SalvoCatalog catalog, BufferAllocator parentAllocator, String serverVersion) {
    BufferAllocator allocator = parentAllocator.newChildAllocator("flight-sql", 0,
        parentAllocator.getLimit());
    SalvoFlightSqlProducer producer = new SalvoFlightSqlProducer(executor, catalog, allocator,
        serverVersion);
    FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port),
        producer).middleware(SessionCookieMiddleware.KEY, new SessionCookieMiddleware.Factory())
        .middleware(ClientConnectionId.KEY, ClientConnectionId.FACTORY)
        .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      allocator.close();
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION, "Cannot listen for JDBC (Flight"
          + " SQL) clients on " + host + ":" + port + ": " + e.getMessage()
          + "; choose another http.host or flight.port", e);
    }
    LOG.info("JDBC (Arrow Flight SQL) endpoint listening on {}:{}", host, server.getPort());
    return new FlightSqlEndpoint(allocator, producer, server);
  }

  /** The port actually listened on. */
  public int port() {
    return server.getPort();
  }

  /** Arrow memory the endpoint holds right now: batches on their way to clients. */
  public long allocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /** Prepared statements and unfetched tickets the endpoint keeps, for tests and monitoring. */
  public int openStatementCount() {
    return producer.openStatementCount();
  }

  /** Client connections the endpoint keeps session settings for, for tests and monitoring. */
  public int sessionCount() {
    return producer.sessionCount();
  }

  /** Cancels the queries still streaming, stops the server and releases its memory. */
  @Override
  public void close() {
    producer.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Flight SQL calls still running after 5 seconds; closing anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(server);
    allocator.close();
  }

  private static void closeQuietly(FlightServer server) {
    try {
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Error while closing the Flight SQL server", e);
    }
  }
}
