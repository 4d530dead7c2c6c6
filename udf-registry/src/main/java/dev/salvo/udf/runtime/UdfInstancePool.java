package dev.salvo.udf.runtime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live instances of one function version, capped server-wide: callers take an idle
 * instance, or create one while fewer than the cap are alive (after taking its GPU slots), or
 * wait. Idle instances stay warm for the next query until the idle timeout closes them.
 */
final class UdfInstancePool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdfInstancePool.class);

  /** Makes one instance; the pool has already reserved its id and GPU slots. */
  interface InstanceFactory {
    UdfInstance create(int instanceId, List<Integer> gpuIds) throws Exception;
  }

  private final String functionName;
  private final int cap;
  private final double gpus;
  private final GpuInventory gpuInventory;
  private final InstanceFactory factory;
  private final UdfStatistics statistics;
  private final long idleTimeoutNanos;
  private final Deque<IdleInstance> idle = new ArrayDeque<>();
  private final Map<UdfInstance, GpuInventory.Allocation> allocations = new IdentityHashMap<>();
  private final BitSet usedIds = new BitSet();
  private int live;
  private boolean closed;

  private record IdleInstance(UdfInstance instance, long idleSinceNanos) {}

  UdfInstancePool(String functionName, int cap, double gpus, GpuInventory gpuInventory,
      InstanceFactory factory, UdfStatistics statistics, long idleTimeoutNanos) {
    this.functionName = functionName;
    this.cap = cap <= 0 ? Integer.MAX_VALUE : cap;
    this.gpus = gpus;
    this.gpuInventory = gpuInventory;
    this.factory = factory;
    this.statistics = statistics;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /**
   * An instance for one call, waiting while the cap is reached or GPU slots are busy.
   *
   * @throws SalvoException QUERY_CANCELLED (the query's reason) when {@code query} is cancelled
   *     while waiting; UDF_FAILED when a new instance cannot be created
   */
  UdfInstance acquire(QueryContext query) throws InterruptedException {
    int instanceId;
    GpuInventory.Allocation allocation = null;
    synchronized (this) {
      while (true) {
        checkOpen();
        if (!idle.isEmpty()) {
          return idle.removeLast().instance();
        }
        // GPU slots are only tried, never waited for, here: an instance of this pool going
        // idle must be able to serve this caller while the slots stay taken.
        if (live < cap && (allocation = gpuInventory.tryAcquire(gpus, functionName)) != null) {
          live++;
          instanceId = usedIds.nextClearBit(0);
          usedIds.set(instanceId);
          break;
        }
        query.checkCancelled();
        wait(gpus > 0 ? 5 : 20);
      }
    }
    try {
      UdfInstance instance = factory.create(instanceId, allocation.deviceIds());
      statistics.instanceCreated();
      synchronized (this) {
        allocations.put(instance, allocation);
      }
      return instance;
    } catch (Exception | Error e) {
      allocation.close();
      synchronized (this) {
        live--;
        usedIds.clear(instanceId);
        notifyAll();
      }
      if (e instanceof SalvoException salvo) {
        throw salvo;
      }
      if (e instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new SalvoException(ErrorCode.UDF_FAILED, "Function " + functionName
          + ": creating instance " + instanceId + " failed: " + UdfMethod.describe(e), e);
    }
  }

  /** Hands an instance back: kept warm when healthy, otherwise retired and replaced on demand. */
  void release(UdfInstance instance) {
    boolean keep;
    synchronized (this) {
      keep = !closed && instance.isHealthy();
      if (keep) {
        idle.addLast(new IdleInstance(instance, System.nanoTime()));
        notifyAll();
      }
    }
    if (!keep) {
      retire(instance);
    }
  }

  /** Closes instances idle for longer than the idle timeout. */
  void closeIdle() {
    List<UdfInstance> expired = new java.util.ArrayList<>();
    synchronized (this) {
      long now = System.nanoTime();
      idle.removeIf(entry -> {
        if (now - entry.idleSinceNanos() >= idleTimeoutNanos) {
          expired.add(entry.instance());
          return true;
        }
        return false;
      });
    }
    for (UdfInstance instance : expired) {
      LOG.debug("Closing idle instance {} of {}", instance.id(), functionName);
      retire(instance);
    }
  }

  synchronized int liveCount() {
    return live;
  }

  private void retire(UdfInstance instance) {
    try {
      instance.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing instance {} of {} failed", instance.id(), functionName, e);
    }
    GpuInventory.Allocation allocation;
    synchronized (this) {
      allocation = allocations.remove(instance);
      live--;
      usedIds.clear(instance.id());
      statistics.instanceClosed();
      notifyAll();
    }
    if (allocation != null) {
      allocation.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new SalvoException(ErrorCode.FUNCTION_NOT_FOUND,
          "Function " + functionName + " was dropped or replaced and its instances closed");
    }
  }

  /** Closes idle instances now; busy ones close when their call hands them back. */
  @Override
  public void close() {
    List<UdfInstance> toClose;
    synchronized (this) {
      closed = true;
      toClose = idle.stream().map(IdleInstance::instance).toList();
      idle.clear();
      notifyAll();
    }
    toClose.forEach(this::retire);
  }
}
