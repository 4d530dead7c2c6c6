package dev.salvo.exec.connector.storage;

import java.util.List;
import java.util.Objects;

/**
 * One immutable Arrow IPC file of a stored table, as the catalog store records it: its name in
 * the table's directory, how many rows and record batches it holds, its size on disk, and the
 * integer columns found distinct while it was written.
 *
 * @param distinctValues sketches of the file's columns made while it was written, which the
 *     catalog store merges into the statistics of the table version that adds the file; it
 *     keeps them only there, so a file it loads back has none
 */
public record DataFile(String fileName, long rowCount, int batchCount, long sizeBytes,
    List<UniqueColumn> uniqueColumns, DistinctValueSketches distinctValues) {
  /** A file nothing is known to be unique in. */
  public DataFile(String fileName, long rowCount, int batchCount, long sizeBytes) {
    this(fileName, rowCount, batchCount, sizeBytes, List.of());
  }

  /** A file without distinct-value sketches. */
  public DataFile(String fileName, long rowCount, int batchCount, long sizeBytes,
      List<UniqueColumn> uniqueColumns) {
    this(fileName, rowCount, batchCount, sizeBytes, uniqueColumns, DistinctValueSketches.none());
  }

  public DataFile {
    uniqueColumns = List.copyOf(uniqueColumns);
    Objects.requireNonNull(distinctValues, "distinctValues");
    Objects.requireNonNull(fileName, "fileName");
    if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
      throw new IllegalArgumentException("Not a plain data file name: " + fileName);
    }
    if (rowCount < 0 || batchCount < 0 || sizeBytes < 0) {
      throw new IllegalArgumentException("Negative counts for data file " + fileName);
    }
  }
}
