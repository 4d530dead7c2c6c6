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
  private volatile List<String> warnings = List.of();

  public FakeResultStream(RowType rowType, List<Supplier<Batch>> steps) {
    this.rowType = rowType;
    this.steps = new ArrayDeque<>(steps);
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  /** Makes {@link #warnings()} answer {@code newWarnings}; returns this stream. */
  public FakeResultStream withWarnings(List<String> newWarnings) {
    this.warnings = List.copyOf(newWarnings);
    return this;
  }

  @Override
  public List<String> warnings() {
    return warnings;
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
