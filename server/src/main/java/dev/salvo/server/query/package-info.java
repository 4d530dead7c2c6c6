/**
 * How the server's front ends reach the engine ({@link dev.salvo.server.query.StatementExecutor})
 * and how it keeps track of running statements so that stopping can cancel them.
 */
package dev.salvo.server.query;
