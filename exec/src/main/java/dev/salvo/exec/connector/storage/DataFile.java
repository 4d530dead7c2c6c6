package dev.salvo.exec.connector.storage;

import java.util.Objects;

/**
 * One immutable Arrow IPC file of a stored table, as the catalog store records it: its name in
 * the table's directory, how many rows and record batches it holds, and its size on disk.
 */
public record DataFile(String fileName, long rowCount, int batchCount, long sizeBytes) {
  public DataFile {
    Objects.requireNonNull(fileName, "fileName");
    if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
      throw new IllegalArgumentException("Not a plain data file name: " + fileName);
    }
    if (rowCount < 0 || batchCount < 0 || sizeBytes < 0) {
      throw new IllegalArgumentException("Negative counts for data file " + fileName);
    }
  }
}
