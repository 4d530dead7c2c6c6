package dev.salvo.exec.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Builds a new batch by copying rows out of other batches with the same columns: used to
 * gather small batches into bigger ones and to split a batch by partition.
 */
public final class RowCopier implements AutoCloseable {
  private final List<Field> fields;
  private final BufferAllocator allocator;
  private final int capacity;
  private final List<FieldVector> columns = new ArrayList<>();
  private int rowCount;

  /** A copier for batches shaped like {@code template}, sized for {@code capacity} rows. */
  public RowCopier(Batch template, int capacity, BufferAllocator allocator) {
    this.fields = template.columns().stream().map(FieldVector::getField).toList();
    this.allocator = allocator;
    this.capacity = Math.max(1, capacity);
  }

  private void allocate() {
    try {
      for (Field field : fields) {
        FieldVector column = field.createVector(allocator);
        columns.add(column);
        column.setInitialCapacity(capacity);
        column.allocateNew();
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Appends row {@code row} of {@code source}. */
  public void append(Batch source, int row) {
    if (columns.isEmpty()) {
      allocate();
    }
    for (int c = 0; c < columns.size(); c++) {
      columns.get(c).copyFromSafe(row, rowCount, source.column(c));
    }
    rowCount++;
  }

  /** Appends rows {@code [start, start + length)} of {@code source}. */
  public void appendRange(Batch source, int start, int length) {
    for (int row = start; row < start + length; row++) {
      append(source, row);
    }
  }

  public int rowCount() {
    return rowCount;
  }

  /** The rows appended so far, handed over; the copier starts empty again. */
  public Batch build() {
    if (columns.isEmpty()) {
      allocate();
    }
    for (FieldVector column : columns) {
      column.setValueCount(rowCount);
    }
    Batch batch = Batch.of(columns, rowCount);
    columns.clear();
    rowCount = 0;
    return batch;
  }

  @Override
  public void close() {
    columns.forEach(FieldVector::close);
    columns.clear();
    rowCount = 0;
  }
}
