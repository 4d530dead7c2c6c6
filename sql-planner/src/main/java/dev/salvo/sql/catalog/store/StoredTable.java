package dev.salvo.sql.catalog.store;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.DistinctValueSketches;
import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Objects;

/**
 * A table as its current committed version describes it.
 *
 * @param directory the table's data directory, relative to the data directory's {@code tables}
 * @param version the committed version; every INSERT or DELETE commits the next one
 * @param files the data files of that version, in the order they were added
 * @param distinctValues the version's distinct-value sketches, none for a table written before
 *     Salvo kept them (until ANALYZE computes them)
 */
public record StoredTable(long id, String schemaName, String name, RowType rowType,
    String directory, long version, List<DataFile> files, DistinctValueSketches distinctValues) {
  public StoredTable {
    files = List.copyOf(files);
    Objects.requireNonNull(distinctValues, "distinctValues");
  }

  public long rowCount() {
    return files.stream().mapToLong(DataFile::rowCount).sum();
  }
}
