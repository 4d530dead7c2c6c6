package dev.salvo.exec.operator.values;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Emits constant rows (a VALUES clause) in batches, from a single driver. */
public final class ValuesSourceFactory implements SourceFactory {
  private final RowType rowType;
  private final List<List<Object>> rows;

  public ValuesSourceFactory(RowType rowType, List<List<Object>> rows) {
    this.rowType = rowType;
    this.rows = rows;
  }

  @Override
  public int maxDrivers(QueryContext context) {
    return 1;
  }

  @Override
  public SourceOperator create(QueryContext context) {
    return new ValuesSource(context.allocator(), context.batchSize());
  }

  /** Converts the next batchSize rows at each call. */
  private final class ValuesSource implements SourceOperator {
    private final BufferAllocator allocator;
    private final int batchSize;
    private int nextRow;

    ValuesSource(BufferAllocator allocator, int batchSize) {
      this.allocator = allocator;
      this.batchSize = batchSize;
    }

    @Override
    public Batch next() {
      if (nextRow >= rows.size()) {
        return null;
      }
      int end = Math.min(rows.size(), nextRow + batchSize);
      List<List<Object>> chunk = rows.subList(nextRow, end);
      nextRow = end;
      List<FieldVector> columns = new ArrayList<>(rowType.size());
      try {
        for (int c = 0; c < rowType.size(); c++) {
          Column column = rowType.column(c);
          List<Object> values = new ArrayList<>(chunk.size());
          for (List<Object> row : chunk) {
            values.add(row.get(c));
          }
          columns.add(VectorValues.vectorOf(column.name(), column.type(), values, allocator));
        }
        return Batch.of(columns, chunk.size());
      } catch (RuntimeException e) {
        columns.forEach(FieldVector::close);
        throw e;
      }
    }

    @Override
    public void close() {
      nextRow = rows.size();
    }
  }
}
