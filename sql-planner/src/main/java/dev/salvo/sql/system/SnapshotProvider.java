package dev.salvo.sql.system;

import java.util.List;

/**
 * Supplies the current rows of a system table. The engine asks once per scan, when the query
 * that scans the table starts, so a query sees one consistent snapshot.
 *
 * <p>This is how the layers above the engine (the server's query registry, later the UDF
 * registry) publish their state as SQL tables without the engine depending on them.
 */
@FunctionalInterface
public interface SnapshotProvider {
  /**
   * The rows as they are now, each a list of Java values in the table's column order, in the
   * form {@link dev.salvo.exec.batch.VectorValues#set} takes (String for VARCHAR, Long for
   * BIGINT, LocalDateTime for TIMESTAMP, ...), or null for NULL.
   */
  List<List<Object>> snapshot();
}
