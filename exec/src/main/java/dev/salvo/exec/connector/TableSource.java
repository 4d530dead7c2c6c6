package dev.salvo.exec.connector;

import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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
   * About how many distinct non-null values {@code column} (a position in {@link #rowType()})
   * holds, for the planner's estimates of filter and join sizes; empty when unknown (the
   * default), and then the planner guesses as if it had no statistics. Like
   * {@link #uniqueKeys()}, a wrong count gives slow plans, never wrong answers.
   */
  default OptionalDouble distinctCount(int column) {
    return OptionalDouble.empty();
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

  /**
   * Opens one split as {@link #open(TableSplit, List, BufferAllocator, int)} does, also told the
   * scan's {@code filter} (over the produced columns) so that the source can skip data the filter
   * rules out. The scan still applies the whole filter to every batch that comes back, so a
   * source may use any part of it, or none (the default).
   */
  default BatchReader open(TableSplit split, List<Integer> columns, Optional<Expression> filter,
      BufferAllocator allocator, int batchSize) {
    return open(split, columns, allocator, batchSize);
  }

  /**
   * What the source itself does with a scan's {@code columns} and {@code filter}, for EXPLAIN
   * (such as the columns and conditions handed to a file reader); empty when it does nothing
   * beyond producing the columns.
   */
  default String describePushdown(List<Integer> columns, Optional<Expression> filter) {
    return "";
  }
}
