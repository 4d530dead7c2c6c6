package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A result stream a test feeds while the query runs: {@link #add} a batch, {@link #end()} or
 * {@link #fail}. Like the engine's, it stops with QUERY_CANCELLED once cancelled or closed, and
 * releases the batches nobody took when closed.
 */
public final class BlockingResultStream implements ResultStream {
  private static final Object END = new Object();

  private final RowType rowType;
  private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile boolean cancelled;
  private volatile boolean closed;
  private volatile int nextCalls;

  public BlockingResultStream(RowType rowType) {
    this.rowType = rowType;
  }

  public BlockingResultStream add(Batch batch) {
    items.add(batch);
    return this;
  }

  public BlockingResultStream end() {
    items.add(END);
    return this;
  }

  public BlockingResultStream fail(RuntimeException error) {
    items.add(error);
    return this;
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  @Override
  public Batch next() {
    nextCalls++;
    while (true) {
      if (cancelled) {
        throw new SalvoException(ErrorCode.QUERY_CANCELLED, "Cancelled");
      }
      Object item;
      try {
        item = items.poll(5, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SalvoException(ErrorCode.QUERY_CANCELLED, "Interrupted", e);
      }
      if (item == null) {
        continue;
      }
      if (item == END) {
        items.add(END);
        return null;
      }
      if (item instanceof RuntimeException error) {
        throw error;
      }
      return (Batch) item;
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public void close() {
    cancelled = true;
    closed = true;
    Object item;
    while ((item = items.poll()) != null) {
      if (item instanceof Batch batch) {
        batch.close();
      }
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public boolean isClosed() {
    return closed;
  }

  public int nextCalls() {
    return nextCalls;
  }
}
