package dev.salvo.exec.operator.scan;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.operator.filter.RowFilter;
import dev.salvo.exec.operator.join.JoinKeyFilter;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.expr.Expression;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Scans a table: the splits (morsels) go into one queue shared by the pipeline's drivers, and
 * each driver claims the next split when it finishes one, so fast drivers take more of them.
 */
public final class TableScanSourceFactory implements SourceFactory {
  /** Splits per driver: enough for load balancing, few enough to keep per-split cost low. */
  private static final int SPLITS_PER_DRIVER = 3;

  private final TableSource table;
  private final List<Integer> projection;
  private final Optional<Expression> filterExpression;
  private final VectorExpression filter;
  /** The columns read after the scan; the filter's copies leave the others out. Null: all. */
  private final BitSet columnsRead;
  private final List<KeyFilter> keyFilters;
  private final Queue<TableSplit> splits = new ConcurrentLinkedQueue<>();
  private final int splitCount;

  /** A join's key filter on output column {@code column} of the scan. */
  public record KeyFilter(int column, JoinKeyFilter filter) {}

  /** Asks the table for its splits now, so build this factory when the query starts. */
  public TableScanSourceFactory(TableScanNode node, QueryContext context) {
    this(node, context, null, List.of());
  }

  /**
   * A scan whose output only {@code columnsRead} of are read after it (null: all): a column only
   * the filter reads is then not copied for the rows that pass, only left as a placeholder. Rows
   * must pass the filter and every one of {@code keyFilters}.
   */
  public TableScanSourceFactory(TableScanNode node, QueryContext context, BitSet columnsRead,
      List<KeyFilter> keyFilters) {
    this.columnsRead = columnsRead;
    this.keyFilters = List.copyOf(keyFilters);
    this.table = node.table();
    this.projection = node.projection();
    this.filterExpression = node.filter();
    this.filter = node.filter().map(ExpressionCompiler::compile).orElse(null);
    List<TableSplit> all = table.splits(context.parallelism() * SPLITS_PER_DRIVER);
    this.splits.addAll(all);
    this.splitCount = all.size();
    context.progress().addSplits(splitCount);
  }

  @Override
  public int maxDrivers(QueryContext context) {
    return Math.max(1, splitCount);
  }

  @Override
  public SourceOperator create(QueryContext context) {
    return new TableScanSource(context);
  }

  /** Reads the splits this driver claims, one reader at a time. */
  private final class TableScanSource implements SourceOperator {
    private final QueryContext context;
    private final BufferAllocator allocator;
    private final JoinKeyFilter.Driver[] keyFilterDrivers;
    private int[] selected = new int[0];
    private BatchReader reader;
    private boolean closed;

    TableScanSource(QueryContext context) {
      this.context = context;
      this.allocator = context.allocator();
      this.keyFilterDrivers = new JoinKeyFilter.Driver[keyFilters.size()];
      for (int i = 0; i < keyFilterDrivers.length; i++) {
        keyFilterDrivers[i] = keyFilters.get(i).filter().forDriver();
      }
    }

    @Override
    public Batch next() {
      while (!closed) {
        if (reader == null) {
          TableSplit split = splits.poll();
          if (split == null) {
            return null;
          }
          reader = table.open(split, projection, filterExpression, allocator,
              context.batchSize());
        }
        Batch batch = reader.next();
        if (batch == null) {
          reader.close();
          reader = null;
          context.progress().splitCompleted();
          continue;
        }
        context.progress().addScannedRows(batch.rowCount());
        batch = applyFilter(batch);
        if (batch != null && batch.rowCount() > 0) {
          return batch;
        }
        if (batch != null) {
          batch.close();
        }
        // A long run of empty or filtered-out batches must not delay cancellation.
        context.checkCancelled();
      }
      return null;
    }

    private Batch applyFilter(Batch batch) {
      if (filter == null && keyFilterDrivers.length == 0) {
        return batch;
      }
      int rowCount = batch.rowCount();
      int count;
      try {
        if (selected.length < rowCount) {
          selected = new int[rowCount];
        }
        if (filter != null) {
          try (FieldVector mask = filter.evaluate(batch, allocator)) {
            count = RowFilter.selectTrueRows(mask, rowCount, selected);
          }
        } else {
          for (int row = 0; row < rowCount; row++) {
            selected[row] = row;
          }
          count = rowCount;
        }
        for (int i = 0; i < keyFilterDrivers.length; i++) {
          count = keyFilterDrivers[i].keep(batch.column(keyFilters.get(i).column()), rowCount,
              selected, count);
        }
      } catch (RuntimeException e) {
        batch.close();
        throw e;
      }
      return RowFilter.keep(batch, selected, count, columnsRead, allocator);
    }

    @Override
    public void close() {
      closed = true;
      if (reader != null) {
        BatchReader open = reader;
        reader = null;
        open.close();
      }
    }
  }
}
