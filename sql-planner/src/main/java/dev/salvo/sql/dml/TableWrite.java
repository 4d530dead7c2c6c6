package dev.salvo.sql.dml;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.type.RowType;
import java.nio.file.Path;
import java.util.List;

/**
 * A planned INSERT, CREATE TABLE AS or DELETE: the query whose rows are written, where they go,
 * and the catalog store commit that makes them the table's next version.
 *
 * @param source the rows to write, or null when nothing needs reading (DELETE without WHERE)
 * @param rowType the stored table's columns; the source produces exactly these layouts
 * @param directory the table's data directory
 * @param commit commits the written files (none when no rows were written) and returns the
 *     update count the statement reports
 */
public record TableWrite(String tableName, ExecNode source, RowType rowType, Path directory,
    Commit commit) {

  /** Makes written files a table version, in one catalog store transaction. */
  @FunctionalInterface
  public interface Commit {
    /**
     * @param rowsWritten rows in {@code files}
     * @return the statement's update count
     */
    long commit(List<DataFile> files, long rowsWritten);
  }
}
