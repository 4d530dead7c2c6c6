package dev.salvo.exec.operator.window;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RetainedBatches;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The input side of a window, a pipeline breaker: keeps every batch in arrival order, since a
 * partition (and a frame reaching forward) may span many batches. Its input is one ordered
 * stream (a single driver after a sort); without partition or order keys the order of several
 * drivers' batches does not matter.
 */
public final class WindowSinkFactory implements SinkFactory {
  private final List<Batch> batches = new ArrayList<>();
  private boolean closed;

  @Override
  public SinkOperator create(QueryContext context) {
    return new WindowSink(context.allocator());
  }

  /** Hands the buffered batches over to the caller (the window source). */
  List<Batch> takeBatches() {
    synchronized (batches) {
      List<Batch> taken = new ArrayList<>(batches);
      batches.clear();
      return taken;
    }
  }

  private void addAll(List<Batch> driverBatches) {
    synchronized (batches) {
      if (closed) {
        driverBatches.forEach(Batch::close);
      } else {
        batches.addAll(driverBatches);
      }
    }
  }

  @Override
  public void close() {
    synchronized (batches) {
      closed = true;
      batches.forEach(Batch::close);
      batches.clear();
    }
  }

  /** One driver's batches, handed to the factory when the driver finishes. */
  private final class WindowSink implements SinkOperator {
    private final BufferAllocator allocator;
    private List<Batch> received = new ArrayList<>();

    WindowSink(BufferAllocator allocator) {
      this.allocator = allocator;
    }

    @Override
    public void push(Batch batch) {
      if (batch.rowCount() == 0) {
        batch.close();
        return;
      }
      received.add(RetainedBatches.compact(batch, allocator));
    }

    @Override
    public void finish() {
      List<Batch> taken = received;
      received = new ArrayList<>();
      addAll(taken);
    }

    @Override
    public void close() {
      received.forEach(Batch::close);
      received.clear();
    }
  }
}
