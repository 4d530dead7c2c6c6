package dev.salvo.exec.runner;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.type.RowType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs plans on this machine: one fixed pool of driver threads shared by every query. Drivers
 * are resumable tasks that give their thread back when their quantum is used up or their output
 * is full, so a few threads serve many concurrent queries, and slow readers never hold threads.
 */
public final class NativeQueryRunner implements QueryRunner {
  private final ExecutorService pool;
  private final Set<QueryExecution> running = ConcurrentHashMap.newKeySet();

  public NativeQueryRunner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "salvo-driver-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  @Override
  public ResultStream execute(ExecNode plan, QueryContext context) {
    QueryExecution[] holder = new QueryExecution[1];
    QueryExecution execution = new QueryExecution(plan, context, pool,
        () -> running.remove(holder[0]));
    holder[0] = execution;
    running.add(execution);
    execution.start();
    return new NativeResultStream(execution);
  }

  /** Cancels every running query and stops the pool's threads. */
  @Override
  public void close() {
    for (QueryExecution execution : running) {
      execution.fail(new SalvoException(ErrorCode.QUERY_CANCELLED, "The query runner was closed"));
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The reader's view of one {@link QueryExecution}. */
  private static final class NativeResultStream implements ResultStream {
    private final QueryExecution execution;
    private boolean closed;

    NativeResultStream(QueryExecution execution) {
      this.execution = execution;
    }

    @Override
    public RowType rowType() {
      return execution.rowType();
    }

    @Override
    public Batch next() {
      if (closed) {
        throw new IllegalStateException("The result stream is closed");
      }
      return execution.next();
    }

    @Override
    public void cancel() {
      execution.cancel();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        execution.close();
      }
    }
  }
}
