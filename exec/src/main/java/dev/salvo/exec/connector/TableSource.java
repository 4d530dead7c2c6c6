package dev.salvo.exec.connector;

import dev.salvo.exec.type.RowType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A table the executor can scan: its columns, a row count estimate for the planner, and its data
 * cut into independent splits so that several drivers read it at once. Implementations are
 * immutable and thread-safe.
 */
public interface TableSource {
  /** Fully qualified name, for EXPLAIN and error messages. */
  String name();

  RowType rowType();

  /** Best guess of the row count, for the planner's cost model; need not be exact. */
  long estimatedRowCount();

  /** Cuts the table into about {@code targetCount} splits (at least one). */
  List<TableSplit> splits(int targetCount);

  /**
   * Opens one split, producing only {@code columns} (positions in {@link #rowType()}, in that
   * order) in batches of at most {@code batchSize} rows allocated from {@code allocator}.
   */
  BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize);
}
