package dev.salvo.exec.connector.memory;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A small table held as Java rows (values as {@link dev.salvo.exec.type.DataType} documents),
 * read as one split: metadata tables such as {@code information_schema} are built this way.
 */
public final class InMemoryTableSource implements TableSource {
  private final String name;
  private final RowType rowType;
  private final List<List<Object>> rows;

  public InMemoryTableSource(String name, RowType rowType, List<List<Object>> rows) {
    this.name = name;
    this.rowType = rowType;
    this.rows = rows.stream().map(row -> {
      if (row.size() != rowType.size()) {
        throw new IllegalArgumentException("Row of " + row.size() + " values for " + name
            + " of " + rowType.size() + " columns");
      }
      return java.util.Collections.unmodifiableList(new ArrayList<>(row));
    }).toList();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  @Override
  public long estimatedRowCount() {
    return rows.size();
  }

  @Override
  public List<TableSplit> splits(int targetCount) {
    return List.of(() -> "rows of " + name);
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    return new BatchReader() {
      private int nextRow;

      @Override
      public Batch next() {
        if (nextRow >= rows.size()) {
          return null;
        }
        int end = Math.min(rows.size(), nextRow + batchSize);
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
          for (int column : columns) {
            Column definition = rowType.column(column);
            List<Object> values = new ArrayList<>(end - nextRow);
            for (int row = nextRow; row < end; row++) {
              values.add(rows.get(row).get(column));
            }
            vectors.add(VectorValues.vectorOf(definition.name(), definition.type(), values,
                allocator));
          }
        } catch (RuntimeException e) {
          vectors.forEach(FieldVector::close);
          throw e;
        }
        int count = end - nextRow;
        nextRow = end;
        return Batch.of(vectors, count);
      }

      @Override
      public void close() {
        nextRow = rows.size();
      }
    };
  }
}
