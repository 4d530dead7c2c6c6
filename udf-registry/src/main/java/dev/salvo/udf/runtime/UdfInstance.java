package dev.salvo.udf.runtime;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * One live instance of a function: an object in this JVM or a worker process. It runs one call
 * at a time; the pool hands it to one caller at a time.
 */
public interface UdfInstance extends AutoCloseable {

  /** Number unique among the function's live instances. */
  int id();

  /**
   * Runs the function over {@code rowCount} rows of {@code arguments} (not taken over).
   *
   * @throws UdfCallException when the call fails as a whole; row failures are in the result
   */
  InvocationResult invoke(List<FieldVector> arguments, int rowCount, int attempt,
      BufferAllocator allocator) throws UdfCallException;

  /**
   * {@link System#nanoTime()} when the UDF call now running started (for a row-wise function,
   * the current row), or 0 when none runs or the instance enforces its own timeout.
   */
  long callStartedNanos();

  /** Stops the running call as far as possible; the instance is discarded afterwards. */
  void abort();

  /** Whether the instance can take another call (a worker that died cannot). */
  boolean isHealthy();

  /** Retires the instance: closes an AutoCloseable UDF object or stops the worker process. */
  @Override
  void close();
}
