package dev.salvo.udf.runtime;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.function.ExternalCallListener;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.vector.FieldVector;

/**
 * One query's hold on one version of a function: what an exec operator calls per batch. Safe to
 * use from several drivers at once; close it when the query ends so a replaced or dropped
 * version can close its instances.
 */
public final class FunctionHandle implements AutoCloseable {
  private final UdfRuntime runtime;
  private final UdfRuntime.VersionedExecutor versioned;
  private boolean closed;

  FunctionHandle(UdfRuntime runtime, UdfRuntime.VersionedExecutor versioned) {
    this.runtime = runtime;
    this.versioned = versioned;
  }

  public FunctionDefinition definition() {
    return versioned.executor.definition();
  }

  /** The version this handle pins; a replacement gets a higher one. */
  public long version() {
    return versioned.executor.version();
  }

  public DataType returnType() {
    return versioned.executor.returnType();
  }

  /** How the Java method is called: row-wise, async or batch. */
  public UdfShape shape() {
    return versioned.executor.method().shape();
  }

  /**
   * Evaluates the function over the first {@code rowCount} rows of {@code arguments} (one vector
   * per SQL argument, not taken over), blocking while the server-wide cap or GPU slots are
   * taken. Returns a new vector of {@link #returnType()} with {@code rowCount} values, allocated
   * from the query's allocator and owned by the caller.
   *
   * @throws SalvoException UDF_FAILED when a row fails under {@code on_error = 'raise'} (naming
   *     the function, the row and the cause); the query's cancellation reason when it is
   *     cancelled, promptly, also while waiting for an instance
   */
  public FieldVector evaluate(List<FieldVector> arguments, int rowCount, QueryContext query) {
    return evaluate(arguments, rowCount, query, ExternalCallListener.IGNORE);
  }

  /**
   * Like {@link #evaluate(List, int, QueryContext)}, reporting every call made on an instance
   * (each chunk of at most {@code batch_size} rows, each retry) and the rows that failed for
   * good to {@code listener}.
   */
  public FieldVector evaluate(List<FieldVector> arguments, int rowCount, QueryContext query,
      ExternalCallListener listener) {
    return versioned.executor.evaluate(arguments, rowCount, query, listener);
  }

  /**
   * Like {@link #evaluate(List, int, QueryContext, ExternalCallListener)} but returns at once;
   * the future completes when the result is ready (an operator can report BLOCKED on it). The
   * argument vectors must stay open until then.
   */
  public CompletableFuture<FieldVector> evaluateAsync(List<FieldVector> arguments, int rowCount,
      QueryContext query, ExternalCallListener listener) {
    return CompletableFuture.supplyAsync(() -> evaluate(arguments, rowCount, query, listener),
        runtime.callThreads());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    runtime.handleClosed(versioned);
  }
}
