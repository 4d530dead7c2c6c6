/**
 * The Salvo server process.
 *
 * <pre>
 *  SalvoServer (command line) ─> config: ServerConfig from defaults, file, --set
 *    │
 *    v
 *  ServerRuntime: SalvoEngine ─> query: RunningQueries (tracks, cancels on stop)
 *    │                                     ^
 *    v                                     │ StatementExecutor
 *  http: HttpApiServer (Jetty) ─ POST /v1/statement, GET /v1/health ─ JSON, streamed
 * </pre>
 *
 * <p>Front ends see the engine only through {@link dev.salvo.server.query.StatementExecutor},
 * so each can be tested against a hand-written fake.
 */
package dev.salvo.server;
