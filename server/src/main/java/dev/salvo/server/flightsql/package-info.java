/**
 * The Arrow Flight SQL endpoint that JDBC clients (Arrow's Flight SQL JDBC driver and Salvo's
 * driver built on it) connect to, over gRPC on Netty.
 *
 * <pre>
 * JDBC client ─ gRPC ─> FlightSqlEndpoint (server, port flight.port)
 *                         └─ SalvoFlightSqlProducer
 *                              ├─ PreparedStatements: handles, bound parameters, pending tickets
 *                              ├─ ConnectionSessions: one engine session per client (cookie),
 *                              │    its settings read and set as Flight session options
 *                              ├─ StatementExecutor (prepare / execute) ─> engine
 *                              │    └─ ResultStreamer: batches to the client, one at a time,
 *                              │       waiting while the client is not ready (bounded memory)
 *                              ├─ CatalogMetadata: catalogs, schemas, tables, columns, types
 *                              └─ FlightErrors: SalvoException -> status with code and SQLSTATE
 * </pre>
 */
package dev.salvo.server.flightsql;
