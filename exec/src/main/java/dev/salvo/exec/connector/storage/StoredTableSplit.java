package dev.salvo.exec.connector.storage;

import dev.salvo.exec.connector.TableSplit;

/** Record batches {@code firstBatch} to {@code firstBatch + batchCount - 1} of one data file. */
record StoredTableSplit(DataFile file, int firstBatch, int batchCount) implements TableSplit {
  @Override
  public String describe() {
    return file.fileName() + " batches " + firstBatch + ".." + (firstBatch + batchCount - 1);
  }
}
