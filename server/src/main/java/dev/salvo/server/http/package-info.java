/**
 * The HTTP API on Jetty core handlers.
 *
 * <pre>
 *  request ─> ApiHandler (route: path, method)
 *               ├─ POST /v1/statement ─> StatementRequestReader (size limit, content type)
 *               │                         ─> StatementExecutor.execute(sql) ─> ResultStream
 *               │                         ─> ResultJsonWriter + ColumnWriter (one batch at a time)
 *               └─ GET /v1/health
 *  errors ─> ErrorResponses (status from SQLSTATE class, JSON body)
 * </pre>
 */
package dev.salvo.server.http;
