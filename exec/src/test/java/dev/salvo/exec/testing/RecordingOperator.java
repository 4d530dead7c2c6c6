package dev.salvo.exec.testing;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.plan.ExtensionOperator;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.vector.FieldVector;

/**
 * A test probe that stands where a UDF will: passes batches through unchanged and records, per
 * call, the driver (partition) that made it, the batch size and the values of one column.
 */
public final class RecordingOperator implements ExtensionOperator {
  private final int column;
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final Map<Object, Set<Integer>> partitionsByValue = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> rowsByPartition = new ConcurrentHashMap<>();

  /** Records the values of input column {@code column}. */
  public RecordingOperator(int column) {
    this.column = column;
  }

  /** Rows per call, in no particular order. */
  public List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  /** For each value of the recorded column (NULL as the string "NULL"), the partitions it reached. */
  public Map<Object, Set<Integer>> partitionsByValue() {
    return Map.copyOf(partitionsByValue);
  }

  public Map<Integer, Integer> rowsByPartition() {
    return Map.copyOf(rowsByPartition);
  }

  @Override
  public RowType outputType(RowType input) {
    return input;
  }

  @Override
  public String describe() {
    return "Recording(column=" + column + ")";
  }

  @Override
  public Operator create(QueryContext context, int driverIndex) {
    return new Operator() {
      @Override
      public void process(Batch input, BatchCollector output) {
        batchSizes.add(input.rowCount());
        rowsByPartition.merge(driverIndex, input.rowCount(), Integer::sum);
        FieldVector vector = input.column(column);
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < input.rowCount(); row++) {
          Object value = vector.getObject(row);
          values.add(value == null ? "NULL" : value);
        }
        for (Object value : values) {
          partitionsByValue.computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet())
              .add(driverIndex);
        }
        output.accept(input);
      }
    };
  }
}
