/**
 * The Salvo server process.
 *
 * <pre>
 *  SalvoServer (command line) ─> config: ServerConfig from defaults, file, --set
 *    │
 *    v
 *  ServerRuntime: SalvoEngine (system.queries ─> QueryManager.list())
 *    │              ^ StatementExecutor
 *    │              │
 *    │            query: QueryManager ─ ManagedQuery per statement (queue, pump, pages, reaper)
 *    v              ^
 *  http: HttpApiServer (Jetty) ─ statements, queries, functions, health, metrics, OpenAPI
 * </pre>
 *
 * <p>Front ends see the engine only through {@link dev.salvo.server.query.StatementExecutor},
 * so each can be tested against a hand-written fake.
 */
package dev.salvo.server;
