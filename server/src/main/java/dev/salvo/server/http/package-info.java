/**
 * The HTTP API on Jetty core handlers.
 *
 * <pre>
 *  request ─> ApiHandler (routes: method + path template; 404, 405 with Allow)
 *   ├─ POST /v1/statement ──────────> StatementEndpoint: submit, then ResultStreaming of the
 *   │                                  whole result (JSON, Arrow IPC or CSV by Accept)
 *   ├─ POST /v1/statements ─────────> StatementsEndpoint.submit: answers at once (201)
 *   ├─ GET /v1/statements/{id} ─────> status; with ?token=n a page of rows, waiting for rows
 *   │                                  without holding a thread (QueryManager.fetchPage)
 *   ├─ DELETE /v1/statements/{id} ──> cancel
 *   ├─ GET /v1/statements/{id}/result > ResultStreaming of the rows not yet fetched
 *   ├─ GET /v1/queries, /v1/functions, /v1/health, /metrics (Prometheus text), /v1/openapi.json
 *  StatementRequestReader: body size limit, content type, JSON members, X-Salvo-User
 *  ResultWriter: JsonResultWriter, ArrowResultWriter, CsvResultWriter; JsonPageEncoder for pages
 *  errors ─> ErrorResponses (status from the exception or the SQLSTATE class, JSON body)
 * </pre>
 */
package dev.salvo.server.http;
