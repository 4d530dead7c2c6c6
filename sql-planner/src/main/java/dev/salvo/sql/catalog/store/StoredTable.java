package dev.salvo.sql.catalog.store;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.type.RowType;
import java.util.List;

/**
 * A table as its current committed version describes it.
 *
 * @param directory the table's data directory, relative to the data directory's {@code tables}
 * @param version the committed version; every INSERT or DELETE commits the next one
 * @param files the data files of that version, in the order they were added
 */
public record StoredTable(long id, String schemaName, String name, RowType rowType,
    String directory, long version, List<DataFile> files) {
  public StoredTable {
    files = List.copyOf(files);
  }

  public long rowCount() {
    return files.stream().mapToLong(DataFile::rowCount).sum();
  }
}
