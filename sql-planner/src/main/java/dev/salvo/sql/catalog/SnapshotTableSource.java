package dev.salvo.sql.catalog;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A table over a snapshot of server state (the {@code system} tables): the rows are taken when a
 * query starts scanning, as Java values in column order, and read as one split.
 */
public final class SnapshotTableSource implements TableSource {
  private final String name;
  private final RowType rowType;
  private final Supplier<List<List<Object>>> rows;

  public SnapshotTableSource(String name, RowType rowType, Supplier<List<List<Object>>> rows) {
    this.name = name;
    this.rowType = rowType;
    this.rows = rows;
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
    return 100;
  }

  @Override
  public List<TableSplit> splits(int targetCount) {
    return List.of(new Snapshot(List.copyOf(rows.get())));
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    List<List<Object>> snapshot = ((Snapshot) split).rows();
    return new BatchReader() {
      private int nextRow;

      @Override
      public Batch next() {
        if (nextRow >= snapshot.size()) {
          return null;
        }
        int end = Math.min(snapshot.size(), nextRow + batchSize);
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
          for (int column : columns) {
            Column field = rowType.column(column);
            List<Object> values = new ArrayList<>(end - nextRow);
            for (int row = nextRow; row < end; row++) {
              values.add(snapshot.get(row).get(column));
            }
            vectors.add(VectorValues.vectorOf(field.name(), field.type(), values, allocator));
          }
        } catch (RuntimeException e) {
          vectors.forEach(FieldVector::close);
          throw e;
        }
        Batch batch = Batch.of(vectors, end - nextRow);
        nextRow = end;
        return batch;
      }

      @Override
      public void close() {
        nextRow = snapshot.size();
      }
    };
  }

  /** The rows as they were when the scan began. */
  private record Snapshot(List<List<Object>> rows) implements TableSplit {
    @Override
    public String describe() {
      return rows.size() + " rows";
    }
  }
}
