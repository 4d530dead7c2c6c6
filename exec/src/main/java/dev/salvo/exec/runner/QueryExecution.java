package dev.salvo.exec.runner;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.pipeline.Driver;
import dev.salvo.exec.pipeline.DriverStatus;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.pipeline.Pipeline;
import dev.salvo.exec.pipeline.PipelineBuilder;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running query on the native runner: builds its pipelines, starts each pipeline's drivers
 * once its dependencies have finished, runs drivers as resumable tasks on the shared pool, and
 * turns the first error into the cancellation of the whole query.
 *
 * <p>Every task (the start task, each driver) is counted from submission until it has released
 * everything; when the count drops to zero the query has stopped and the shared state of its
 * pipelines is released, after which {@link #awaitStopped()} returns.
 */
final class QueryExecution {
  private static final Logger LOG = LoggerFactory.getLogger(QueryExecution.class);
  /** How long a driver keeps its thread before letting other drivers (of any query) run. */
  private static final long QUANTUM_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ExecNode plan;
  private final QueryContext context;
  private final Executor executor;
  private final ResultBuffer buffer;
  private final Runnable onStopped;
  private final Object lock = new Object();
  private List<Pipeline> pipelines = List.of();
  private int[] driversLeft;
  private boolean[] started;
  private boolean[] finished;
  private int activeTasks;
  private boolean stopped;

  QueryExecution(ExecNode plan, QueryContext context, Executor executor, Runnable onStopped) {
    this.plan = plan;
    this.context = context;
    this.executor = executor;
    this.onStopped = onStopped;
    this.buffer = new ResultBuffer(context, Math.max(2, context.parallelism()));
  }

  RowType rowType() {
    return plan.outputType();
  }

  Batch next() {
    return buffer.take();
  }

  /** Submits the task that plans the pipelines (asking tables for splits) and starts them. */
  void start() {
    synchronized (lock) {
      activeTasks = 1;
    }
    Runnable startTask = () -> {
      try {
        List<Pipeline> built = PipelineBuilder.build(plan, context, new ResultSinkFactory(buffer));
        synchronized (lock) {
          pipelines = built;
          driversLeft = new int[built.size()];
          started = new boolean[built.size()];
          finished = new boolean[built.size()];
        }
        startReadyPipelines();
      } catch (Throwable t) {
        fail(t);
      } finally {
        taskDone();
      }
    };
    try {
      executor.execute(startTask);
    } catch (RejectedExecutionException e) {
      fail(new SalvoException(ErrorCode.QUERY_CANCELLED, "The query runner is closed", e));
      taskDone();
    }
  }

  /** Starts every pipeline whose dependencies have all finished. */
  private void startReadyPipelines() {
    List<Pipeline> ready = new ArrayList<>();
    synchronized (lock) {
      if (context.isCancelled()) {
        return;
      }
      for (Pipeline pipeline : pipelines) {
        if (!started[pipeline.id()] && pipeline.dependencies().stream().allMatch(d -> finished[d])) {
          started[pipeline.id()] = true;
          ready.add(pipeline);
        }
      }
    }
    for (Pipeline pipeline : ready) {
      startDrivers(pipeline);
    }
  }

  private void startDrivers(Pipeline pipeline) {
    int partitions = pipeline.source().partitionCount();
    int count = partitions > 0 ? partitions
        : Math.max(1, Math.min(context.parallelism(), pipeline.source().maxDrivers(context)));
    List<Driver> drivers = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        drivers.add(createDriver(pipeline, i));
      }
    } catch (Throwable t) {
      drivers.forEach(Driver::close);
      throw t;
    }
    synchronized (lock) {
      driversLeft[pipeline.id()] = count;
      activeTasks += count;
    }
    for (Driver driver : drivers) {
      submit(new DriverTask(pipeline, driver));
    }
  }

  private Driver createDriver(Pipeline pipeline, int driverIndex) {
    List<Operator> operators = new ArrayList<>();
    var source = pipeline.source().create(context);
    try {
      for (OperatorFactory factory : pipeline.operators()) {
        operators.add(factory.create(context, driverIndex));
      }
      return new Driver(context, source, operators, pipeline.sink().create(context));
    } catch (Throwable t) {
      source.close();
      operators.forEach(Operator::close);
      throw t;
    }
  }

  private void submit(DriverTask task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.stop(new SalvoException(ErrorCode.QUERY_CANCELLED, "The query runner is closed", e));
    }
  }

  /** Cancels the query with the error's code; the reader of the stream gets the first error. */
  void fail(Throwable error) {
    SalvoException reason = SalvoException.wrap(error);
    if (reason.code() != ErrorCode.QUERY_CANCELLED) {
      LOG.debug("Query {} failed", context.queryId(), error);
    }
    context.cancel(reason);
    buffer.fail(firstReason(reason));
  }

  /** The reason the context recorded first (a driver error beats a later cancellation). */
  private SalvoException firstReason(SalvoException fallback) {
    try {
      context.checkCancelled();
      return fallback;
    } catch (SalvoException recorded) {
      return recorded;
    }
  }

  /** Asks the query to stop; the stream's reader then gets QUERY_CANCELLED (or an earlier error). */
  void cancel() {
    context.cancel();
    buffer.fail(firstReason(null));
  }

  /** Stops the query if it still runs, releases queued results and waits for every driver. */
  void close() {
    synchronized (lock) {
      if (!stopped) {
        context.cancel();
      }
    }
    buffer.close();
    awaitStopped();
  }

  void awaitStopped() {
    synchronized (lock) {
      while (!stopped) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SalvoException(ErrorCode.QUERY_CANCELLED,
              "Interrupted while stopping query " + context.queryId(), e);
        }
      }
    }
  }

  private void driverDone(Pipeline pipeline, boolean succeeded) {
    boolean last;
    synchronized (lock) {
      last = --driversLeft[pipeline.id()] == 0;
    }
    if (last && succeeded && !context.isCancelled()) {
      try {
        pipeline.sink().finishPipeline();
        // The pipeline's source (a finished breaker's state) is used up: release it now.
        pipeline.source().close();
        synchronized (lock) {
          finished[pipeline.id()] = true;
        }
        startReadyPipelines();
      } catch (Throwable t) {
        fail(t);
      }
    }
    taskDone();
  }

  private void taskDone() {
    boolean nowStopped;
    synchronized (lock) {
      nowStopped = --activeTasks == 0;
    }
    if (!nowStopped) {
      return;
    }
    for (Pipeline pipeline : pipelines) {
      closeQuietly(pipeline.source()::close);
      closeQuietly(pipeline.sink()::close);
    }
    if (context.statistics() != null) {
      context.statistics().recordPeakMemory(context.allocator().getPeakMemoryAllocation());
    }
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
    onStopped.run();
  }

  private static void closeQuietly(Runnable release) {
    try {
      release.run();
    } catch (RuntimeException e) {
      LOG.warn("Failed to release pipeline state", e);
    }
  }

  /** Runs one driver a quantum at a time, re-submitting itself until the driver is done. */
  private final class DriverTask implements Runnable {
    private final Pipeline pipeline;
    private final Driver driver;

    DriverTask(Pipeline pipeline, Driver driver) {
      this.pipeline = pipeline;
      this.driver = driver;
    }

    @Override
    public void run() {
      DriverStatus status;
      try {
        status = driver.process(QUANTUM_NANOS);
      } catch (Throwable t) {
        stop(t);
        return;
      }
      if (status == DriverStatus.FINISHED) {
        driver.close();
        driverDone(pipeline, true);
      } else if (status.isBlocked()) {
        status.blockedFuture().whenComplete((ignored, error) -> submit(this));
      } else {
        submit(this);
      }
    }

    void stop(Throwable error) {
      try {
        driver.close();
      } finally {
        fail(error);
        driverDone(pipeline, false);
      }
    }
  }
}
