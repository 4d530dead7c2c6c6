package dev.salvo.exec.testing;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A fake table whose rows are computed from their id, so tests can compute expected results
 * in plain Java: {@code splitCount} splits of {@code rowsPerSplit} rows each, with some NULLs
 * in every column but the id. Counts opened splits and can fail on purpose.
 */
public final class GeneratedTable implements TableSource {
  public static final RowType ROW_TYPE = RowType.of(
      new Column("id", DataType.BIGINT.withNullable(false)),
      new Column("name", DataType.VARCHAR),
      new Column("amount", DataType.decimal(12, 2)),
      new Column("day", DataType.DATE),
      new Column("flag", DataType.BOOLEAN),
      new Column("bucket", DataType.INTEGER));

  public static final int ID = 0;
  public static final int NAME = 1;
  public static final int AMOUNT = 2;
  public static final int DAY = 3;
  public static final int FLAG = 4;
  public static final int BUCKET = 5;

  private final int splitCount;
  private final int rowsPerSplit;
  private final int failAtSplit;
  private final AtomicInteger openedSplits = new AtomicInteger();

  public GeneratedTable(int splitCount, int rowsPerSplit) {
    this(splitCount, rowsPerSplit, -1);
  }

  /** A table whose reader throws when it reaches split {@code failAtSplit} (-1: never). */
  public GeneratedTable(int splitCount, int rowsPerSplit, int failAtSplit) {
    this.splitCount = splitCount;
    this.rowsPerSplit = rowsPerSplit;
    this.failAtSplit = failAtSplit;
  }

  /** The value of {@code column} in row {@code id}, in the Java form of its type. */
  public static Object value(long id, int column) {
    return switch (column) {
      case ID -> id;
      case NAME -> id % 11 == 3 ? null : "name-" + (id % 7);
      case AMOUNT -> id % 13 == 5 ? null : BigDecimal.valueOf(id * 125 % 100_000, 2);
      case DAY -> id % 17 == 2 ? null : LocalDate.of(2024, 1, 1).plusDays(id % 30);
      case FLAG -> id % 19 == 4 ? null : id % 3 == 0;
      case BUCKET -> id % 23 == 7 ? null : id % 5;
      default -> throw new IllegalArgumentException("column " + column);
    };
  }

  /** Every row, each as a list of all column values. */
  public List<List<Object>> rows() {
    List<List<Object>> rows = new ArrayList<>();
    for (long id = 0; id < (long) splitCount * rowsPerSplit; id++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < ROW_TYPE.size(); c++) {
        row.add(value(id, c));
      }
      rows.add(row);
    }
    return rows;
  }

  public int openedSplits() {
    return openedSplits.get();
  }

  @Override
  public String name() {
    return "generated";
  }

  @Override
  public RowType rowType() {
    return ROW_TYPE;
  }

  @Override
  public long estimatedRowCount() {
    return (long) splitCount * rowsPerSplit;
  }

  @Override
  public List<TableSplit> splits(int targetCount) {
    List<TableSplit> splits = new ArrayList<>();
    for (int i = 0; i < splitCount; i++) {
      splits.add(new Split(i));
    }
    return splits;
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    openedSplits.incrementAndGet();
    int index = ((Split) split).index();
    long first = (long) index * rowsPerSplit;
    long end = first + rowsPerSplit;
    return new BatchReader() {
      private long next = first;

      @Override
      public Batch next() {
        if (index == failAtSplit) {
          throw new IllegalStateException("Broken split " + index);
        }
        if (next >= end) {
          return null;
        }
        int count = (int) Math.min(batchSize, end - next);
        List<FieldVector> vectors = new ArrayList<>();
        try {
          for (int column : columns) {
            List<Object> values = new ArrayList<>(count);
            for (long id = next; id < next + count; id++) {
              values.add(value(id, column));
            }
            vectors.add(VectorValues.vectorOf(ROW_TYPE.column(column).name(),
                ROW_TYPE.type(column), values, allocator));
          }
        } catch (RuntimeException e) {
          vectors.forEach(FieldVector::close);
          throw e;
        }
        next += count;
        return Batch.of(vectors, count);
      }

      @Override
      public void close() {}
    };
  }

  private record Split(int index) implements TableSplit {
    @Override
    public String describe() {
      return "split " + index;
    }
  }
}
