package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A result stream that plays back a script of steps: each {@link #next()} runs the next step,
 * which returns a batch (built only then, so tests can block or fail there) or throws.
 */
public final class FakeResultStream implements ResultStream {
  private final RowType rowType;
  private final Deque<Supplier<Batch>> steps;
  private volatile boolean cancelled;
  private volatile boolean closed;

  public FakeResultStream(RowType rowType, List<Supplier<Batch>> steps) {
    this.rowType = rowType;
    this.steps = new ArrayDeque<>(steps);
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  @Override
  public synchronized Batch next() {
    Supplier<Batch> step = steps.poll();
    return step == null ? null : step.get();
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public boolean isClosed() {
    return closed;
  }
}
