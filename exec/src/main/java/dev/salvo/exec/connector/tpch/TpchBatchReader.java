package dev.salvo.exec.connector.tpch;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.type.Column;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** Generates one split of a TPC-H table batch by batch, writing only the requested columns. */
final class TpchBatchReader implements BatchReader {
  /** Average bytes per string value to reserve up front; vectors grow past it when needed. */
  private static final int EXPECTED_STRING_BYTES = 24;

  private final List<TpchColumn<TpchEntity>> columns;
  private final List<Field> fields;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final int initialCapacity;
  private Iterator<TpchEntity> rows;

  TpchBatchReader(TpchTableSource source, TpchSplit split, List<Integer> columnIndexes,
      BufferAllocator allocator, int batchSize) {
    List<TpchColumn<TpchEntity>> allColumns = source.table().getColumns();
    this.columns = new ArrayList<>(columnIndexes.size());
    this.fields = new ArrayList<>(columnIndexes.size());
    for (int index : columnIndexes) {
      Column column = source.rowType().column(index);
      columns.add(allColumns.get(index));
      fields.add(column.type().toField(column.name()));
    }
    this.allocator = allocator;
    this.batchSize = batchSize;
    // Small tables and splits should not reserve a full batch per column.
    long rowsPerSplit = source.estimatedRowCount() / split.partCount() + 16;
    this.initialCapacity = (int) Math.min(batchSize, rowsPerSplit);
    this.rows = source.table()
        .createGenerator(source.scaleFactor(), split.part(), split.partCount())
        .iterator();
  }

  @Override
  public Batch next() {
    if (rows == null || !rows.hasNext()) {
      return null;
    }
    List<FieldVector> vectors = new ArrayList<>(columns.size());
    try {
      TpchColumnWriter[] writers = new TpchColumnWriter[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        FieldVector vector = fields.get(i).createVector(allocator);
        vectors.add(vector);
        if (vector instanceof BaseVariableWidthVector variableWidth) {
          variableWidth.setInitialCapacity(initialCapacity, EXPECTED_STRING_BYTES);
        } else {
          vector.setInitialCapacity(initialCapacity);
        }
        vector.allocateNew();
        writers[i] = TpchColumnWriter.of(columns.get(i), vector);
      }
      int rowCount = 0;
      while (rowCount < batchSize && rows.hasNext()) {
        TpchEntity row = rows.next();
        for (TpchColumnWriter writer : writers) {
          writer.write(row, rowCount);
        }
        rowCount++;
      }
      for (FieldVector vector : vectors) {
        vector.setValueCount(rowCount);
      }
      return Batch.of(vectors, rowCount);
    } catch (RuntimeException | Error e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  @Override
  public void close() {
    // Generated rows hold no buffers; dropping the iterator ends the split.
    rows = null;
  }
}
