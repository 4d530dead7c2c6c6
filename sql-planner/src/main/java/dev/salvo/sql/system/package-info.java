/**
 * The {@code system} schema: tables that show the state of Salvo itself. The engine mounts
 * whatever tables its embedder passes (the server adds {@code system.queries}); tables backed by
 * a {@link dev.salvo.sql.system.SnapshotProvider} are read from a snapshot taken as the query
 * starts.
 */
package dev.salvo.sql.system;
