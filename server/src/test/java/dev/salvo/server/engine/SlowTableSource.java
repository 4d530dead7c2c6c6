package dev.salvo.server.engine;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A table whose every batch takes a while to read, split in a known number of splits, so that
 * a test can watch a query's progress move from split to split.
 */
final class SlowTableSource implements TableSource {
  static final RowType ROW_TYPE = RowType.of(new Column("id", DataType.BIGINT),
      new Column("payload", DataType.VARCHAR));

  private final int splits;
  private final int batchesPerSplit;
  private final int rowsPerBatch;
  private final long delayMillis;

  SlowTableSource(int splits, int batchesPerSplit, int rowsPerBatch, long delayMillis) {
    this.splits = splits;
    this.batchesPerSplit = batchesPerSplit;
    this.rowsPerBatch = rowsPerBatch;
    this.delayMillis = delayMillis;
  }

  @Override
  public String name() {
    return "system.steps";
  }

  @Override
  public RowType rowType() {
    return ROW_TYPE;
  }

  @Override
  public long estimatedRowCount() {
    return (long) splits * batchesPerSplit * rowsPerBatch;
  }

  @Override
  public List<TableSplit> splits(int targetCount) {
    List<TableSplit> result = new ArrayList<>();
    for (int i = 0; i < splits; i++) {
      int index = i;
      result.add(() -> "slow split " + index);
    }
    return result;
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    return new BatchReader() {
      private int produced;

      @Override
      public Batch next() {
        if (produced == batchesPerSplit) {
          return null;
        }
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        long first = (long) produced++ * rowsPerBatch;
        List<FieldVector> vectors = new ArrayList<>();
        for (int column : columns) {
          List<Object> values = new ArrayList<>(rowsPerBatch);
          for (int row = 0; row < rowsPerBatch; row++) {
            values.add(column == 0 ? (Object) (first + row) : "x".repeat(100));
          }
          vectors.add(VectorValues.vectorOf(ROW_TYPE.column(column).name(),
              ROW_TYPE.type(column), values, allocator));
        }
        return Batch.of(vectors, rowsPerBatch);
      }

      @Override
      public void close() {}
    };
  }
}
