package dev.salvo.udf.runtime.process;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import dev.salvo.udf.runtime.InvocationResult;
import dev.salvo.udf.runtime.RemoteUdfException;
import dev.salvo.udf.runtime.UdfCallException;
import dev.salvo.udf.runtime.UdfInstance;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance living in its own worker JVM: a throw, hang, {@code System.exit} or
 * out-of-memory there ends only that process; the pool then replaces the instance.
 */
public final class WorkerProcessInstance implements UdfInstance {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcessInstance.class);

  private final String functionName;
  private final int instanceId;
  private final long timeoutMillis;
  private final Process process;
  private final DataOutputStream toWorker;
  private final DataInputStream fromWorker;
  private volatile boolean healthy = true;

  private WorkerProcessInstance(String functionName, int instanceId, long timeoutMillis,
      Process process) {
    this.functionName = functionName;
    this.instanceId = instanceId;
    this.timeoutMillis = timeoutMillis;
    this.process = process;
    this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
  }

  /**
   * Starts a worker JVM and creates the instance in it (its constructor runs there).
   *
   * @throws SalvoException UDF_FAILED when the worker cannot start or the instance fails
   */
  public static WorkerProcessInstance start(UdfRuntimeSettings settings,
      FunctionDefinition definition, DataType returnType, int instanceId, List<Integer> gpuIds,
      int maxInFlight, long timeoutMillis) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx" + settings.workerHeapMegabytes() + "m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+IgnoreUnrecognizedVMOptions");
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(settings.workerJvmOptions());
    command.add("-cp");
    List<String> classpath = new ArrayList<>();
    classpath.add(System.getProperty("java.class.path"));
    for (Path jar : definition.jars()) {
      classpath.add(jar.toAbsolutePath().toString());
    }
    command.add(String.join(File.pathSeparator, classpath));
    command.add(UdfWorkerMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    if (!gpuIds.isEmpty()) {
      builder.environment().put("CUDA_VISIBLE_DEVICES",
          gpuIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    Process process = builder.start();
    pumpStandardError(process, definition.name() + "#" + instanceId);
    WorkerProcessInstance instance =
        new WorkerProcessInstance(definition.name(), instanceId, timeoutMillis, process);
    try {
      instance.initialize(definition, returnType, gpuIds, maxInFlight);
    } catch (IOException | RuntimeException e) {
      instance.close();
      throw e;
    }
    return instance;
  }

  private void initialize(FunctionDefinition definition, DataType returnType,
      List<Integer> gpuIds, int maxInFlight) throws IOException {
    try {
      toWorker.writeByte(WorkerProtocol.INIT);
      WorkerProtocol.writeString(toWorker, definition.name());
      WorkerProtocol.writeString(toWorker, definition.className());
      WorkerProtocol.writeString(toWorker, definition.methodName());
      toWorker.writeInt(definition.argumentTypes().size());
      for (DataType type : definition.argumentTypes()) {
        WorkerProtocol.writeType(toWorker, type);
      }
      WorkerProtocol.writeType(toWorker, returnType);
      toWorker.writeInt(instanceId);
      toWorker.writeInt(gpuIds.size());
      for (int gpu : gpuIds) {
        toWorker.writeInt(gpu);
      }
      toWorker.writeInt(maxInFlight);
      toWorker.writeLong(timeoutMillis);
      toWorker.flush();
      byte reply = fromWorker.readByte();
      if (reply == WorkerProtocol.FAILED) {
        throw new SalvoException(ErrorCode.UDF_FAILED, "Function " + functionName
            + ": instance " + instanceId + " failed to start in its worker process: "
            + WorkerProtocol.readString(fromWorker));
      }
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.UDF_FAILED, "Function " + functionName
          + ": worker process for instance " + instanceId + " " + deathText(), e);
    }
  }

  @Override
  public int id() {
    return instanceId;
  }

  @Override
  public InvocationResult invoke(List<FieldVector> arguments, int rowCount, int attempt,
      BufferAllocator allocator) throws UdfCallException {
    try {
      toWorker.writeByte(WorkerProtocol.CALL);
      toWorker.writeInt(attempt);
      WorkerProtocol.writeVectors(toWorker, arguments, rowCount);
      toWorker.flush();
      byte reply = fromWorker.readByte();
      if (reply == WorkerProtocol.FAILED) {
        throw new UdfCallException(WorkerProtocol.readString(fromWorker), null, false);
      }
      WorkerProtocol.Vectors result = WorkerProtocol.readVectors(fromWorker, allocator);
      try {
        Map<Integer, Throwable> errors = new HashMap<>();
        int errorCount = fromWorker.readInt();
        for (int i = 0; i < errorCount; i++) {
          int row = fromWorker.readInt();
          errors.put(row, new RemoteUdfException(WorkerProtocol.readString(fromWorker)));
        }
        return InvocationResult.of(result.vectors().get(0), errors);
      } catch (IOException | RuntimeException e) {
        result.vectors().forEach(FieldVector::close);
        throw e;
      }
    } catch (IOException e) {
      healthy = false;
      throw new UdfCallException("worker process " + deathText(), e, true);
    }
  }

  /** Why the worker's stream ended, from its exit status. */
  private String deathText() {
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "stopped answering";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return "was interrupted";
    }
    int status = process.exitValue();
    if (status == WorkerProtocol.TIMEOUT_EXIT_STATUS) {
      return "timed out after " + timeoutMillis + " ms";
    }
    return "exited with status " + status
        + (status == 3 ? " (out of memory)" : " (System.exit, crash or out of memory)");
  }

  @Override
  public long callStartedNanos() {
    // The worker's own watchdog enforces the timeout per call.
    return 0;
  }

  @Override
  public void abort() {
    healthy = false;
    process.destroyForcibly();
  }

  @Override
  public boolean isHealthy() {
    return healthy && process.isAlive();
  }

  @Override
  public void close() {
    healthy = false;
    try {
      if (process.isAlive()) {
        toWorker.writeByte(WorkerProtocol.CLOSE);
        toWorker.flush();
      }
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        LOG.warn("Worker {}#{} did not stop; killing it", functionName, instanceId);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void pumpStandardError(Process process, String name) {
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          LOG.info("[worker {}] {}", name, line);
        }
      } catch (IOException e) {
        // The worker ended.
      }
    }, "udf-worker-stderr-" + name);
    pump.setDaemon(true);
    pump.start();
  }
}
