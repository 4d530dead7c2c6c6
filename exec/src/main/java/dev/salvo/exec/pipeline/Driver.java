package dev.salvo.exec.pipeline;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one copy of a pipeline: pulls batches from its source, pushes each through its operators
 * and into its sink. It is a resumable task: {@link #process} works for about one time quantum
 * and returns instead of waiting, so that a small shared thread pool can serve many drivers of
 * many queries without any thread blocking on a full queue.
 *
 * <p>Not thread-safe: the scheduler runs a driver on one thread at a time.
 */
public final class Driver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

  private final QueryContext context;
  private final SourceOperator source;
  private final List<Operator> operators;
  private final SinkOperator sink;
  private final BatchCollector[] collectors;
  /** Batches that went through every operator and wait for the sink to accept them. */
  private final ArrayDeque<Batch> pending = new ArrayDeque<>();
  private boolean sourceDone;
  private boolean operatorsFinished;
  private boolean finished;
  private boolean closed;

  public Driver(QueryContext context, SourceOperator source, List<Operator> operators,
      SinkOperator sink) {
    this.context = context;
    this.source = source;
    this.operators = List.copyOf(operators);
    this.sink = sink;
    this.collectors = new BatchCollector[this.operators.size() + 1];
    for (int i = 0; i < this.operators.size(); i++) {
      int next = i + 1;
      collectors[i] = batch -> pushThrough(next, batch);
    }
    collectors[this.operators.size()] = pending::add;
  }

  /**
   * Works until the pipeline's input is used up, the sink blocks, or about {@code quantumNanos}
   * have passed.
   *
   * @throws dev.salvo.exec.error.SalvoException when the query was cancelled; any other
   *     exception from an operator. Either way the caller must then {@link #close()} the driver.
   */
  public DriverStatus process(long quantumNanos) {
    long start = System.nanoTime();
    boolean worked = false;
    while (true) {
      context.checkCancelled();
      while (!pending.isEmpty()) {
        var blocked = sink.isBlocked();
        if (!blocked.isDone()) {
          return DriverStatus.blocked(blocked);
        }
        sink.push(pending.poll());
      }
      if (finished) {
        return DriverStatus.FINISHED;
      }
      if (operatorsFinished) {
        sink.finish();
        finished = true;
        return DriverStatus.FINISHED;
      }
      // Checked only after some work, so that every call makes progress.
      if (worked && System.nanoTime() - start > quantumNanos) {
        return DriverStatus.YIELDED;
      }
      if (!sourceDone && anyOperatorFinished()) {
        // A LIMIT has everything it needs: stop reading so no more splits are claimed.
        sourceDone = true;
        source.close();
      }
      if (!sourceDone) {
        var sourceBlocked = source.isBlocked();
        if (!sourceBlocked.isDone()) {
          return DriverStatus.blocked(sourceBlocked);
        }
        Batch batch = source.next();
        if (batch == null) {
          sourceDone = true;
          source.close();
        } else {
          pushThrough(0, batch);
          worked = true;
        }
        continue;
      }
      for (int i = 0; i < operators.size(); i++) {
        operators.get(i).finish(collectors[i]);
      }
      operatorsFinished = true;
    }
  }

  private boolean anyOperatorFinished() {
    for (Operator operator : operators) {
      if (operator.isFinished()) {
        return true;
      }
    }
    return false;
  }

  private void pushThrough(int index, Batch batch) {
    if (index == operators.size()) {
      pending.add(batch);
    } else {
      operators.get(index).process(batch, collectors[index]);
    }
  }

  /** Releases every operator's state and every batch still queued here; safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Batch batch : pending) {
      closeQuietly(batch);
    }
    pending.clear();
    closeQuietly(source);
    for (Operator operator : operators) {
      closeQuietly(operator);
    }
    closeQuietly(sink);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Failed to release {}", closeable, e);
    }
  }
}
