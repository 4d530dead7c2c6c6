package dev.salvo.udf.runtime;

import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance living in the server's JVM. Timeouts and cancellation interrupt its thread: a UDF
 * that ignores interrupts keeps running until it returns (use {@code use_process} to be sure).
 */
final class InProcessInstance implements UdfInstance {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessInstance.class);

  private final UdfMethod method;
  private final Object target;
  private final InstanceContext context;
  private final Semaphore inFlight;
  private final long asyncTimeoutMillis;
  private final CallWatch watch = new CallWatch();
  private volatile Thread runningThread;
  private volatile boolean aborted;

  InProcessInstance(UdfMethod method, InstanceContext context, Semaphore inFlight,
      long asyncTimeoutMillis) throws Exception {
    this.method = method;
    this.context = context;
    this.inFlight = inFlight;
    this.asyncTimeoutMillis = asyncTimeoutMillis;
    this.target = method.newInstance(context);
  }

  @Override
  public int id() {
    return context.instanceId();
  }

  @Override
  public InvocationResult invoke(List<FieldVector> arguments, int rowCount, int attempt,
      BufferAllocator allocator) throws UdfCallException {
    context.beginCall(attempt, allocator);
    runningThread = Thread.currentThread();
    try {
      return method.invoke(target, context, watch, arguments, rowCount, inFlight,
          asyncTimeoutMillis, allocator);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UdfCallException("call interrupted", e, true);
    } finally {
      runningThread = null;
    }
  }

  @Override
  public long callStartedNanos() {
    // Async rows carry their own timeout.
    return method.shape() == UdfShape.ASYNC ? 0 : watch.startedNanos();
  }

  @Override
  public void abort() {
    aborted = true;
    Thread thread = runningThread;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isHealthy() {
    return !aborted;
  }

  @Override
  public void close() {
    if (target instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Closing instance {} of {} failed", id(), context.functionName(), e);
      }
    }
  }
}
