package dev.salvo.sql.system;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A table whose rows come from a {@link SnapshotProvider}: the snapshot is taken when a query
 * that scans it starts (when the scan asks for splits) and is read as a single split.
 */
public final class SnapshotTableSource implements TableSource {
  private static final long ESTIMATED_ROWS = 1000;

  private final String name;
  private final RowType rowType;
  private final SnapshotProvider provider;

  /**
   * @param name fully qualified name, such as {@code system.queries}
   * @param rowType the table's columns; every snapshot row has one value per column
   */
  public SnapshotTableSource(String name, RowType rowType, SnapshotProvider provider) {
    this.name = Objects.requireNonNull(name, "name");
    this.rowType = Objects.requireNonNull(rowType, "rowType");
    this.provider = Objects.requireNonNull(provider, "provider");
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
    return ESTIMATED_ROWS;
  }

  @Override
  public List<TableSplit> splits(int targetCount) {
    List<List<Object>> rows = List.copyOf(provider.snapshot());
    for (List<Object> row : rows) {
      if (row.size() != rowType.size()) {
        throw new IllegalStateException("A row of " + row.size() + " values for " + name
            + ", which has " + rowType.size() + " columns");
      }
    }
    return List.of(new Snapshot(rows));
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    List<List<Object>> rows = ((Snapshot) split).rows;
    return new BatchReader() {
      private int next;

      @Override
      public Batch next() {
        if (next >= rows.size()) {
          return null;
        }
        int end = Math.min(rows.size(), next + batchSize);
        List<List<Object>> slice = rows.subList(next, end);
        next = end;
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
          for (int column : columns) {
            List<Object> values = new ArrayList<>(slice.size());
            for (List<Object> row : slice) {
              values.add(row.get(column));
            }
            vectors.add(VectorValues.vectorOf(rowType.column(column).name(),
                rowType.type(column), values, allocator));
          }
        } catch (RuntimeException e) {
          vectors.forEach(FieldVector::close);
          throw e;
        }
        return Batch.of(vectors, slice.size());
      }

      @Override
      public void close() {}
    };
  }

  /** The rows of one snapshot: a table of this kind has a single split. */
  private record Snapshot(List<List<Object>> rows) implements TableSplit {
    @Override
    public String describe() {
      return "snapshot of " + rows.size() + " rows";
    }
  }
}
