package dev.salvo.udf.runtime.process;

import dev.salvo.exec.type.DataType;
import dev.salvo.udf.runtime.InvocationResult;
import dev.salvo.udf.runtime.UdfCallException;
import dev.salvo.udf.runtime.UdfInstance;
import dev.salvo.udf.runtime.UdfInstances;
import dev.salvo.udf.runtime.UdfMethod;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Entry point of a worker JVM: hosts one instance of one function and runs the calls the server
 * sends. Stdout carries only protocol frames, so UDF output to System.out goes to stderr.
 */
public final class UdfWorkerMain {
  private UdfWorkerMain() {}

  public static void main(String[] args) throws Exception {
    DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, "UTF-8"));
    DataInputStream in = new DataInputStream(
        new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
    try (BufferAllocator allocator = new RootAllocator()) {
      serve(in, out, allocator);
    }
    System.exit(0);
  }

  private static void serve(DataInputStream in, DataOutputStream out, BufferAllocator allocator)
      throws IOException {
    if (in.readByte() != WorkerProtocol.INIT) {
      throw new IOException("Expected INIT");
    }
    String functionName = WorkerProtocol.readString(in);
    String className = WorkerProtocol.readString(in);
    String methodName = WorkerProtocol.readString(in);
    int argumentCount = in.readInt();
    List<DataType> argumentTypes = new ArrayList<>();
    for (int i = 0; i < argumentCount; i++) {
      argumentTypes.add(WorkerProtocol.readType(in));
    }
    DataType returnType = WorkerProtocol.readType(in);
    int instanceId = in.readInt();
    int gpuCount = in.readInt();
    List<Integer> gpuIds = new ArrayList<>();
    for (int i = 0; i < gpuCount; i++) {
      gpuIds.add(in.readInt());
    }
    int maxInFlight = in.readInt();
    long timeoutMillis = in.readLong();

    UdfInstance instance;
    try {
      UdfMethod method = UdfMethod.resolve(ClassLoader.getSystemClassLoader(), functionName,
          className, methodName, argumentTypes, returnType);
      instance = UdfInstances.inProcess(method, functionName, instanceId, gpuIds,
          maxInFlight > 0 ? new Semaphore(maxInFlight) : null, timeoutMillis);
    } catch (Exception | LinkageError e) {
      out.writeByte(WorkerProtocol.FAILED);
      WorkerProtocol.writeString(out, UdfMethod.describe(e));
      out.flush();
      return;
    }
    out.writeByte(WorkerProtocol.READY);
    out.flush();
    startWatchdog(instance, timeoutMillis);
    try (instance) {
      while (true) {
        byte tag;
        try {
          tag = in.readByte();
        } catch (EOFException e) {
          return;
        }
        if (tag == WorkerProtocol.CLOSE) {
          return;
        }
        int attempt = in.readInt();
        WorkerProtocol.Vectors arguments = WorkerProtocol.readVectors(in, allocator);
        try {
          InvocationResult result = instance.invoke(arguments.vectors(), arguments.rowCount(),
              attempt, allocator);
          try (var values = result.values()) {
            out.writeByte(WorkerProtocol.RESULT);
            WorkerProtocol.writeVectors(out, List.of(values), arguments.rowCount());
            out.writeInt(result.rowErrors().size());
            for (Map.Entry<Integer, Throwable> error : result.rowErrors().entrySet()) {
              out.writeInt(error.getKey());
              WorkerProtocol.writeString(out, UdfMethod.describe(error.getValue()));
            }
          }
        } catch (UdfCallException e) {
          out.writeByte(WorkerProtocol.FAILED);
          WorkerProtocol.writeString(out, e.getMessage());
        } finally {
          arguments.vectors().forEach(vector -> vector.close());
        }
        out.flush();
      }
    }
  }

  /** A call past its timeout cannot be stopped from inside: end the whole JVM instead. */
  private static void startWatchdog(UdfInstance instance, long timeoutMillis) {
    if (timeoutMillis <= 0) {
      return;
    }
    long timeoutNanos = timeoutMillis * 1_000_000L;
    Thread watchdog = new Thread(() -> {
      while (true) {
        long started = instance.callStartedNanos();
        if (started != 0 && System.nanoTime() - started > timeoutNanos) {
          System.err.println("UDF call timed out after " + timeoutMillis + " ms; stopping");
          Runtime.getRuntime().halt(WorkerProtocol.TIMEOUT_EXIT_STATUS);
        }
        try {
          Thread.sleep(Math.max(1, Math.min(20, timeoutMillis / 4)));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "udf-worker-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
