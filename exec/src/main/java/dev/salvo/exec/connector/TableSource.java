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

  /**
   * Sets of columns (positions in {@link #rowType()}) whose values are unique in every row, such
   * as a primary key. The planner uses them to estimate join sizes and choose a join order; a
   * wrong key gives wrong estimates, never wrong answers. None by default.
   */
  default List<List<Integer>> uniqueKeys() {
    return List.of();
  }

  /**
   * Which data of the table this source reads, for a plan fragment shipped to another process:
   * the side that resolves the table by name compares versions, so that it never reads other
   * rows than the plan's. Empty (the default) when the table has a single version, such as
   * generated data.
   */
  default String version() {
    return "";
  }

  /** Cuts the table into about {@code targetCount} splits (at least one). */
  List<TableSplit> splits(int targetCount);

  /**
   * Opens one split, producing only {@code columns} (positions in {@link #rowType()}, in that
   * order) in batches of at most {@code batchSize} rows allocated from {@code allocator}.
   */
  BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize);
}
