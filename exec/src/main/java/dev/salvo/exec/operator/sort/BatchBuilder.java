package dev.salvo.exec.operator.sort;

import dev.salvo.exec.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Builds a new batch by copying single rows out of other batches with the same columns. */
final class BatchBuilder implements AutoCloseable {
  private final List<FieldVector> columns = new ArrayList<>();
  private int rowCount;

  BatchBuilder(Batch template, int capacity, BufferAllocator allocator) {
    try {
      for (FieldVector vector : template.columns()) {
        FieldVector column = vector.getField().createVector(allocator);
        columns.add(column);
        column.setInitialCapacity(capacity);
        column.allocateNew();
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  void append(Batch source, int row) {
    for (int c = 0; c < columns.size(); c++) {
      columns.get(c).copyFromSafe(row, rowCount, source.column(c));
    }
    rowCount++;
  }

  int rowCount() {
    return rowCount;
  }

  /** The rows appended so far; the builder must not be used (or closed) afterwards. */
  Batch build() {
    for (FieldVector column : columns) {
      column.setValueCount(rowCount);
    }
    Batch batch = Batch.of(columns, rowCount);
    columns.clear();
    return batch;
  }

  @Override
  public void close() {
    columns.forEach(FieldVector::close);
    columns.clear();
  }
}
