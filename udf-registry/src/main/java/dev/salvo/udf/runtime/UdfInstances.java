package dev.salvo.udf.runtime;

import java.util.List;
import java.util.concurrent.Semaphore;

/** Creates in-JVM instances; the worker JVM uses it to host its one instance. */
public final class UdfInstances {
  private UdfInstances() {}

  /** An instance in this JVM; runs the class's constructor now for a stateful function. */
  public static UdfInstance inProcess(UdfMethod method, String functionName, int instanceId,
      List<Integer> gpuIds, Semaphore inFlight, long asyncTimeoutMillis) throws Exception {
    return new InProcessInstance(method,
        new InstanceContext(functionName, instanceId, gpuIds, null), inFlight,
        asyncTimeoutMillis);
  }
}
