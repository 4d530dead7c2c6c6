package dev.salvo.udf.runtime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.udf.catalog.FunctionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's UDF runtime: one per server, shared by all queries so that every cap
 * ({@code max_concurrency}, GPU slots) is server-wide. The catalog registers definitions here;
 * a query opens a {@link FunctionHandle} per function it uses and evaluates batches through it.
 *
 * <p>Definitions are versioned: replacing a function makes new handles use a new version while
 * handles already open keep the version (and instances) they started with; a replaced or dropped
 * version closes its instances once its last handle is closed.
 */
public final class UdfRuntime implements AutoCloseable {
  private final UdfRuntimeServices services;
  private final UdfClassLoaders classLoaders = new UdfClassLoaders();
  private final ScheduledExecutorService timer;
  private final Map<String, VersionedExecutor> current = new HashMap<>();
  private final List<VersionedExecutor> retiring = new ArrayList<>();
  private final Map<String, UdfStatistics> statistics = new HashMap<>();
  private long nextVersion = 1;
  private boolean closed;

  /** A version and the number of handles still using it. */
  static final class VersionedExecutor {
    final FunctionExecutor executor;
    int openHandles;
    boolean retired;

    VersionedExecutor(FunctionExecutor executor) {
      this.executor = executor;
    }
  }

  public UdfRuntime(UdfRuntimeSettings settings) {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService callThreads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "udf-call-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "udf-runtime-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.services = new UdfRuntimeServices(settings,
        GpuInventory.fromSetting(settings.gpuInventory()),
        new UdfErrorLog(settings.errorLogCapacity()), new CallWatchdog(), callThreads);
    timer.scheduleWithFixedDelay(services.watchdog()::sweep, 5, 5, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::closeIdleInstances, 20, 20, TimeUnit.MILLISECONDS);
  }

  /**
   * Registers (or replaces) a function after checking it: the class and a fitting method exist,
   * the return type is declared or inferable, the GPU need fits the inventory.
   *
   * @return the definition with its return type resolved, as the planner should see it
   * @throws SalvoException INVALID_FUNCTION_DEFINITION, INSUFFICIENT_RESOURCES
   */
  public FunctionDefinition register(FunctionDefinition definition) {
    services.gpuInventory().checkSatisfiable(definition.options().gpus(), definition.name());
    ClassLoader loader = classLoaders.loaderFor(definition.name(), definition.jars());
    UdfMethod method = UdfMethod.resolve(loader, definition.name(), definition.className(),
        definition.methodName(), definition.argumentTypes(), definition.returnType());
    FunctionDefinition resolved = new FunctionDefinition(definition.name(),
        definition.argumentTypes(), method.returnType(), definition.className(),
        definition.methodName(), definition.jars(), definition.options());
    String key = key(definition.name());
    synchronized (this) {
      checkOpen();
      UdfStatistics functionStatistics =
          statistics.computeIfAbsent(key, k -> new UdfStatistics(definition.name()));
      FunctionExecutor executor = new FunctionExecutor(resolved, nextVersion++, method, services,
          functionStatistics);
      VersionedExecutor previous = current.put(key, new VersionedExecutor(executor));
      if (previous != null) {
        retire(previous);
      }
    }
    return resolved;
  }

  /** Drops a function; queries running it finish with their version. */
  public synchronized boolean drop(String name) {
    VersionedExecutor previous = current.remove(key(name));
    if (previous == null) {
      return false;
    }
    statistics.remove(key(name));
    retire(previous);
    return true;
  }

  /**
   * Opens the current version of a function for one query (or one operator); close the handle
   * when the query ends.
   *
   * @throws SalvoException FUNCTION_NOT_FOUND
   */
  public synchronized FunctionHandle open(String name) {
    checkOpen();
    VersionedExecutor versioned = current.get(key(name));
    if (versioned == null) {
      throw new SalvoException(ErrorCode.FUNCTION_NOT_FOUND, "Function " + name + " not found");
    }
    versioned.openHandles++;
    return new FunctionHandle(this, versioned);
  }

  /** The current definition of a function, with its resolved return type. */
  public synchronized Optional<FunctionDefinition> definition(String name) {
    VersionedExecutor versioned = current.get(key(name));
    return versioned == null ? Optional.empty()
        : Optional.of(versioned.executor.definition());
  }

  /** One snapshot per registered function: the rows of {@code system.udf_stats}. */
  public synchronized List<UdfStatsSnapshot> statistics() {
    return statistics.values().stream().map(UdfStatistics::snapshot)
        .sorted((a, b) -> a.function().compareTo(b.function())).toList();
  }

  /** Logged row failures: the rows of {@code system.udf_errors}. */
  public UdfErrorLog errorLog() {
    return services.errorLog();
  }

  java.util.concurrent.Executor callThreads() {
    return services.callThreads();
  }

  public GpuInventory gpuInventory() {
    return services.gpuInventory();
  }

  synchronized void handleClosed(VersionedExecutor versioned) {
    versioned.openHandles--;
    if (versioned.retired && versioned.openHandles == 0) {
      retiring.remove(versioned);
      versioned.executor.close();
    }
  }

  private void retire(VersionedExecutor versioned) {
    versioned.retired = true;
    if (versioned.openHandles == 0) {
      versioned.executor.close();
    } else {
      retiring.add(versioned);
    }
  }

  private void closeIdleInstances() {
    List<FunctionExecutor> executors;
    synchronized (this) {
      executors = new ArrayList<>();
      current.values().forEach(versioned -> executors.add(versioned.executor));
      retiring.forEach(versioned -> executors.add(versioned.executor));
    }
    for (FunctionExecutor executor : executors) {
      executor.pool().closeIdle();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "The UDF runtime is closed");
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Closes every instance (stopping worker processes) and the runtime's threads. */
  @Override
  public void close() {
    List<VersionedExecutor> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(current.values());
      all.addAll(retiring);
      current.clear();
      retiring.clear();
    }
    timer.shutdownNow();
    for (VersionedExecutor versioned : all) {
      versioned.executor.close();
    }
    services.callThreads().shutdownNow();
    classLoaders.close();
  }
}
