/**
 * The query lifecycle: every statement becomes a {@link dev.salvo.server.query.ManagedQuery},
 * a future the client gathers later.
 *
 * <pre>
 *  submit ─> QueryManager: session properties checked, statement planned (bad SQL fails here),
 *            admitted: RUNNING when a slot is free, QUEUED when not, refused when the queue is full
 *  RUNNING ─> pump thread: engine ResultStream ─> bounded batch queue (query.result-buffer-bytes;
 *             when full the pump waits, and the engine's drivers with it)
 *  clients ─> pages (tryFetch: JSON rows, cut and encoded on request, kept until acknowledged)
 *         or ─> a ResultReader (one batch at a time, for streamed JSON, Arrow IPC or CSV)
 *  ends: FINISHED | FAILED | CANCELLED ─> results kept until read or query.result-expiry,
 *        then the query stays in the history (query.history-size) for listings
 *  reaper: cancels queries nobody asked about for query.client-timeout, expires results
 * </pre>
 *
 * <p>{@link dev.salvo.server.query.StatementExecutor} is how it reaches the engine, small enough
 * for tests to fake; {@link dev.salvo.server.query.QueriesTable} shows the queries as
 * {@code system.queries}.
 */
package dev.salvo.server.query;
