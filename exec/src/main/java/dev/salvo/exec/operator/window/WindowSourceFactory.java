package dev.salvo.exec.operator.window;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.plan.WindowNode;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The output side of a window: computes the window columns over all buffered batches, then
 * returns each input batch with its window columns appended, in input order (one driver).
 */
public final class WindowSourceFactory implements SourceFactory {
  private final WindowSinkFactory sink;
  private final WindowNode node;

  public WindowSourceFactory(WindowSinkFactory sink, WindowNode node) {
    this.sink = sink;
    this.node = node;
  }

  @Override
  public int maxDrivers(QueryContext context) {
    return 1;
  }

  @Override
  public SourceOperator create(QueryContext context) {
    return new WindowSource(sink.takeBatches(), context.allocator());
  }

  @Override
  public void close() {
    sink.close();
  }

  /** Emits the buffered batches one by one, each extended by its window columns. */
  private final class WindowSource implements SourceOperator {
    private final List<Batch> batches;
    private final BufferAllocator allocator;
    private List<List<FieldVector>> windowColumns;
    private int next;

    WindowSource(List<Batch> batches, BufferAllocator allocator) {
      this.batches = batches;
      this.allocator = allocator;
    }

    @Override
    public Batch next() {
      if (windowColumns == null) {
        windowColumns = new WindowEvaluator(node, batches).evaluate(allocator);
      }
      if (next >= batches.size()) {
        close();
        return null;
      }
      int index = next++;
      Batch input = batches.set(index, null);
      int rows = input.rowCount();
      List<FieldVector> computed = windowColumns.set(index, null);
      List<FieldVector> columns = new ArrayList<>(input.columnCount() + computed.size());
      try (input) {
        for (FieldVector vector : input.columns()) {
          TransferPair transfer = vector.getTransferPair(allocator);
          transfer.transfer();
          columns.add((FieldVector) transfer.getTo());
        }
      } catch (RuntimeException e) {
        columns.forEach(FieldVector::close);
        computed.forEach(FieldVector::close);
        throw e;
      }
      columns.addAll(computed);
      return Batch.of(columns, rows);
    }

    @Override
    public void close() {
      for (Batch batch : batches) {
        if (batch != null) {
          batch.close();
        }
      }
      batches.clear();
      if (windowColumns != null) {
        for (List<FieldVector> columns : windowColumns) {
          if (columns != null) {
            columns.forEach(FieldVector::close);
          }
        }
        windowColumns.clear();
      }
    }
  }
}
