package dev.salvo.sql.dml;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.planner.ErrorSites;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A planned INSERT, CREATE TABLE AS or DELETE: the query whose rows are written, where they go,
 * the catalog store commit that makes them the table's next version, and the upkeep that
 * follows the commit.
 *
 * @param source the rows to write, or null when nothing needs reading (DELETE without WHERE)
 * @param errorSites where the operations of the source's data errors are written
 * @param rowType the stored table's columns; the source produces exactly these layouts
 * @param directory the table's data directory
 * @param commit commits the written files (none when no rows were written) and returns the
 *     update count the statement reports
 * @param upkeep runs after a successful commit, or null for none
 */
public record TableWrite(String tableName, ExecNode source, ErrorSites errorSites,
    RowType rowType, Path directory, Commit commit, Upkeep upkeep) {

  /** Makes written files a table version, in one catalog store transaction. */
  @FunctionalInterface
  public interface Commit {
    /**
     * @param rowsWritten rows in {@code files}
     * @return the statement's update count
     */
    long commit(List<DataFile> files, long rowsWritten);
  }

  /**
   * Work that keeps the table cheap to read, such as merging small files, done once the
   * statement's own rows are committed. It changes no rows, so its failure does not fail the
   * statement.
   */
  @FunctionalInterface
  public interface Upkeep {
    /** Runs with the statement's memory; may commit table versions of its own. */
    void run(BufferAllocator allocator);
  }
}
