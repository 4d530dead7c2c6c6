package dev.salvo.udf.runtime;

import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.function.ExternalCallListener;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import dev.salvo.udf.catalog.OnErrorPolicy;
import dev.salvo.udf.catalog.UdfOptions;
import dev.salvo.udf.runtime.process.WorkerProcessInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Runs one version of a function over batches, honouring its options: splits by
 * {@code batch_size}, runs chunks on pooled instances under the server-wide cap, retries with
 * backoff, applies {@code on_error} row by row, records statistics.
 *
 * <pre>
 *  evaluate(batch) ─ split by batch_size ─> chunk workers (at most the cap) ─> pool.acquire
 *     ─> instance.invoke (watchdog: timeout, cancel) ─> retry failed rows with backoff
 *     ─> whole-call failure: re-run row by row ─> on_error per row ─> one result vector
 * </pre>
 */
final class FunctionExecutor implements AutoCloseable {
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final FunctionDefinition definition;
  private final long version;
  private final UdfMethod method;
  private final UdfOptions options;
  private final UdfInstancePool pool;
  private final UdfStatistics statistics;
  private final UdfErrorLog errorLog;
  private final CallWatchdog watchdog;
  private final ExecutorService callThreads;
  private final int chunkParallelism;

  FunctionExecutor(FunctionDefinition definition, long version, UdfMethod method,
      UdfRuntimeServices services, UdfStatistics statistics) {
    this.definition = definition;
    this.version = version;
    this.method = method;
    this.options = definition.options();
    this.statistics = statistics;
    this.errorLog = services.errorLog();
    this.watchdog = services.watchdog();
    this.callThreads = services.callThreads();
    boolean async = method.shape() == UdfShape.ASYNC;
    int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
    int cap;
    if (async) {
      cap = options.useProcess() ? 1 : 0;
    } else if (options.maxConcurrency() > 0) {
      cap = options.maxConcurrency();
    } else {
      cap = options.useProcess() ? processors : 0;
    }
    Semaphore inFlight = async && options.maxConcurrency() > 0 && !options.useProcess()
        ? new Semaphore(options.maxConcurrency()) : null;
    this.chunkParallelism = cap > 0 ? cap : processors;
    this.pool = new UdfInstancePool(definition.name(), cap, options.gpus(),
        services.gpuInventory(), factory(services, inFlight), statistics,
        options.idleTimeout().toNanos());
  }

  private UdfInstancePool.InstanceFactory factory(UdfRuntimeServices services,
      Semaphore inFlight) {
    long timeoutMillis = options.timeout() == null ? 0 : options.timeout().toMillis();
    if (options.useProcess()) {
      return (instanceId, gpuIds) -> WorkerProcessInstance.start(services.settings(),
          definition, method.returnType(), instanceId, gpuIds, options.maxConcurrency(),
          timeoutMillis);
    }
    return (instanceId, gpuIds) -> new InProcessInstance(method,
        new InstanceContext(definition.name(), instanceId, gpuIds, null), inFlight,
        timeoutMillis);
  }

  FunctionDefinition definition() {
    return definition;
  }

  long version() {
    return version;
  }

  UdfMethod method() {
    return method;
  }

  UdfInstancePool pool() {
    return pool;
  }

  DataType returnType() {
    return method.returnType();
  }

  /** See {@link FunctionHandle#evaluate(List, int, QueryContext, ExternalCallListener)}. */
  FieldVector evaluate(List<FieldVector> arguments, int rowCount, QueryContext query,
      ExternalCallListener listener) {
    if (arguments.size() != definition.argumentTypes().size()) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Function " + definition.name()
          + " takes " + definition.argumentTypes().size() + " arguments, got "
          + arguments.size());
    }
    query.checkCancelled();
    statistics.batch(rowCount);
    BufferAllocator allocator = query.allocator();
    int chunkSize = chunkSize(rowCount);
    int chunks = rowCount == 0 ? 0 : (rowCount + chunkSize - 1) / chunkSize;
    AtomicReferenceArray<FieldVector> results = new AtomicReferenceArray<>(chunks);
    FieldVector output = newOutput(allocator, rowCount);
    try {
      if (chunks == 1) {
        results.set(0, runChunk(arguments, 0, rowCount, query, listener));
      } else if (chunks > 1) {
        runChunksInParallel(arguments, rowCount, chunkSize, chunks, results, query, listener);
      }
      for (int chunk = 0; chunk < chunks; chunk++) {
        FieldVector values = results.get(chunk);
        int offset = chunk * chunkSize;
        for (int row = 0; row < values.getValueCount(); row++) {
          output.copyFromSafe(row, offset + row, values);
        }
      }
      output.setValueCount(rowCount);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    } finally {
      for (int chunk = 0; chunk < chunks; chunk++) {
        FieldVector values = results.getAndSet(chunk, null);
        if (values != null) {
          values.close();
        }
      }
    }
  }

  /**
   * Rows per call: at most {@code batch_size}. Without one, a row-wise function's batch is shared
   * out among as many instances as the cap allows, so one big batch still reaches the
   * concurrency the user asked for; a batch function keeps its batch whole, since splitting it
   * would only make each (often vectorised) call less efficient.
   */
  private int chunkSize(int rowCount) {
    if (options.batchSize() > 0) {
      return Math.min(options.batchSize(), rowCount);
    }
    if (method.shape() != UdfShape.ROW || rowCount <= 1) {
      return rowCount;
    }
    int instances = Math.min(chunkParallelism, rowCount);
    return (rowCount + instances - 1) / instances;
  }

  private void runChunksInParallel(List<FieldVector> arguments, int rowCount, int chunkSize,
      int chunks, AtomicReferenceArray<FieldVector> results, QueryContext query,
      ExternalCallListener listener) {
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(chunks, chunkParallelism); i++) {
      workers.add(callThreads.submit(() -> {
        int chunk;
        while (!failed.get() && (chunk = nextChunk.getAndIncrement()) < chunks) {
          int offset = chunk * chunkSize;
          int length = Math.min(chunkSize, rowCount - offset);
          try {
            results.set(chunk, runChunk(arguments, offset, length, query, listener));
          } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
        }
        return null;
      }));
    }
    RuntimeException failure = null;
    for (Future<?> worker : workers) {
      while (failure == null) {
        try {
          worker.get(20, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          if (query.isCancelled()) {
            failed.set(true);
            failure = cancellation(query);
          }
        } catch (ExecutionException e) {
          failed.set(true);
          failure = SalvoException.wrap(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failed.set(true);
          failure = new SalvoException(ErrorCode.QUERY_CANCELLED, "Interrupted", e);
        }
      }
    }
    if (failure != null) {
      // Workers see the flag after their current chunk; wait so no vector outlives the call.
      for (Future<?> worker : workers) {
        try {
          worker.get();
        } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
          // The first failure is the one reported.
        }
      }
      throw failure;
    }
  }

  private static SalvoException cancellation(QueryContext query) {
    try {
      query.checkCancelled();
    } catch (SalvoException e) {
      return e;
    }
    return new SalvoException(ErrorCode.QUERY_CANCELLED, "Query " + query.queryId()
        + " was cancelled");
  }

  /** Evaluates rows {@code offset .. offset + length - 1}; returns a vector of length rows. */
  private FieldVector runChunk(List<FieldVector> arguments, int offset, int length,
      QueryContext query, ExternalCallListener listener) {
    BufferAllocator allocator = query.allocator();
    List<FieldVector> slice = VectorRows.range(arguments, offset, length, allocator);
    FieldVector output = newOutput(allocator, length);
    try {
      Map<Integer, Throwable> failures = new TreeMap<>();
      int[] pending = new int[length];
      for (int i = 0; i < length; i++) {
        pending[i] = i;
      }
      UdfCallException wholeFailure = null;
      int attempt = 0;
      for (; attempt <= options.maxRetries(); attempt++) {
        if (attempt > 0) {
          statistics.retry();
          sleepBackoff(attempt, query);
        }
        wholeFailure = null;
        List<FieldVector> input = attempt == 0 ? slice
            : VectorRows.select(slice, pending, allocator);
        try {
          pending = callAndCopy(input, pending, attempt, output, failures, query, listener);
        } catch (UdfCallException e) {
          wholeFailure = e;
        } finally {
          if (input != slice) {
            VectorRows.close(input);
          }
        }
        if (pending.length == 0) {
          break;
        }
      }
      if (pending.length > 0 && wholeFailure != null) {
        if (pending.length > 1 && options.onError() != OnErrorPolicy.RAISE) {
          isolateRows(slice, pending, attempt, output, failures, query, listener);
        } else if (options.onError() == OnErrorPolicy.RAISE) {
          listener.rowsFailed(pending.length);
          throw new SalvoException(ErrorCode.UDF_FAILED, "Function " + definition.name()
              + " failed on " + rowsText(offset, pending) + " after " + attempt
              + " attempt(s): " + wholeFailure.getMessage(), wholeFailure);
        } else {
          failures.put(pending[0], wholeFailure);
        }
      }
      applyErrorPolicy(failures, slice, offset, attempt, query, listener);
      output.setValueCount(length);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    } finally {
      VectorRows.close(slice);
    }
  }

  /**
   * One call over the rows in {@code pending} (input row i is chunk row pending[i]); copies
   * successes into {@code output}, records failures, returns the rows that failed.
   */
  private int[] callAndCopy(List<FieldVector> input, int[] pending, int attempt,
      FieldVector output, Map<Integer, Throwable> failures, QueryContext query,
      ExternalCallListener listener) throws UdfCallException {
    InvocationResult result = callOnInstance(input, pending.length, attempt, query, listener);
    try (FieldVector values = result.values()) {
      List<Integer> stillFailing = new ArrayList<>();
      for (int i = 0; i < pending.length; i++) {
        Throwable error = result.rowErrors().get(i);
        if (error != null) {
          stillFailing.add(pending[i]);
          failures.put(pending[i], error);
        } else {
          failures.remove(pending[i]);
          output.copyFromSafe(i, pending[i], values);
        }
      }
      return stillFailing.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** After a whole call kept failing, runs each row alone so only the failing ones are NULL. */
  private void isolateRows(List<FieldVector> slice, int[] pending, int attempt,
      FieldVector output, Map<Integer, Throwable> failures, QueryContext query,
      ExternalCallListener listener) {
    for (int row : pending) {
      List<FieldVector> input = VectorRows.select(slice, new int[] {row}, query.allocator());
      try {
        callAndCopy(input, new int[] {row}, attempt, output, failures, query, listener);
      } catch (UdfCallException e) {
        failures.put(row, e);
      } finally {
        VectorRows.close(input);
      }
    }
  }

  private InvocationResult callOnInstance(List<FieldVector> input, int rowCount, int attempt,
      QueryContext query, ExternalCallListener listener) throws UdfCallException {
    UdfInstance instance;
    try {
      instance = pool.acquire(query);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SalvoException(ErrorCode.QUERY_CANCELLED, "Interrupted", e);
    }
    long timeoutNanos = options.timeout() == null ? 0 : options.timeout().toNanos();
    CallWatchdog.ActiveCall call = watchdog.watch(instance, timeoutNanos, query);
    statistics.callStarted();
    listener.callStarted(attempt);
    long started = System.nanoTime();
    InvocationResult result = null;
    UdfCallException failure = null;
    try {
      result = instance.invoke(input, rowCount, attempt, query.allocator());
    } catch (UdfCallException e) {
      failure = e;
    } finally {
      watchdog.unwatch(call);
      statistics.callFinished(method.shape() == UdfShape.BATCH ? 1 : rowCount,
          System.nanoTime() - started);
      // Anything but a clean result counts as failed, also an unexpected exception or Error.
      listener.callFinished(result == null || call.abortReason() != null
          || !result.rowErrors().isEmpty());
      pool.release(instance);
    }
    if (call.abortReason() != null) {
      // The watchdog interrupted this thread to stop the UDF; the flag must not leak onward.
      Thread.interrupted();
      if (result != null) {
        result.values().close();
      }
      query.checkCancelled();
      throw new UdfCallException(call.abortReason(), failure, true);
    }
    if (failure != null) {
      query.checkCancelled();
      throw failure;
    }
    return result;
  }

  private void applyErrorPolicy(Map<Integer, Throwable> failures, List<FieldVector> slice,
      int offset, int attempts, QueryContext query, ExternalCallListener listener) {
    if (failures.isEmpty()) {
      return;
    }
    statistics.errors(failures.size());
    listener.rowsFailed(failures.size());
    for (Map.Entry<Integer, Throwable> failure : failures.entrySet()) {
      int row = failure.getKey();
      String cause = UdfMethod.describe(failure.getValue());
      switch (options.onError()) {
        case RAISE -> throw new SalvoException(ErrorCode.UDF_FAILED, "Function "
            + definition.name() + " failed on row " + (offset + row) + " "
            + argumentsText(slice, row) + " after " + attempts + " attempt(s): " + cause,
            failure.getValue());
        case LOG -> errorLog.add(new UdfErrorRecord(Instant.now(), query.queryId(),
            definition.name(), version, offset + row, cause, argumentValues(slice, row)));
        case IGNORE -> { }
      }
    }
  }

  private static List<String> argumentValues(List<FieldVector> slice, int row) {
    List<String> values = new ArrayList<>();
    for (FieldVector vector : slice) {
      Object value = VectorValues.get(vector, row);
      values.add(value == null ? null : value instanceof byte[] bytes
          ? java.util.HexFormat.of().formatHex(bytes) : value.toString());
    }
    return values;
  }

  private static String argumentsText(List<FieldVector> slice, int row) {
    return "(arguments " + argumentValues(slice, row) + ")";
  }

  private static String rowsText(int offset, int[] rows) {
    if (rows.length == 1) {
      return "row " + (offset + rows[0]);
    }
    return "rows " + (offset + rows[0]) + " to " + (offset + rows[rows.length - 1]);
  }

  /** Exponential backoff with equal jitter: half the doubled delay fixed, half random. */
  private void sleepBackoff(int attempt, QueryContext query) {
    long base = options.retryBackoff().toMillis();
    long delay = Math.min(MAX_BACKOFF_MILLIS, base << Math.min(attempt - 1, 20));
    long sleep = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sleep);
    try {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        query.checkCancelled();
        TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SalvoException(ErrorCode.QUERY_CANCELLED, "Interrupted", e);
    }
  }

  private FieldVector newOutput(BufferAllocator allocator, int rowCount) {
    FieldVector output = method.returnType().toField(definition.name()).createVector(allocator);
    output.setInitialCapacity(Math.max(rowCount, 1));
    output.allocateNew();
    return output;
  }

  @Override
  public void close() {
    pool.close();
  }
}
