/**
 * Salvo's own table storage: immutable Arrow IPC data files under the data directory.
 *
 * <pre>
 *   INSERT  -> TableFileWriter: write "x.arrow.tmp", fsync, rename to "x.arrow";
 *              sketch each column's distinct values (DistinctValueCounter)
 *           -> (sql-planner) catalog store transaction: new table version = old files + x.arrow,
 *              its statistics = old sketches merged with x.arrow's (DistinctValueSketches)
 *   SELECT  -> StoredTableSource of the version current at planning: splits = batch ranges
 *   start   -> TableDirectories.deleteUnlisted: files no committed version lists
 * </pre>
 *
 * <p>The catalog store, not the file system, says which files make up a table: a file is part
 * of the table only once a committed version lists it, so a crash at any point leaves the table
 * as it was at its last commit.
 */
package dev.salvo.exec.connector.storage;
