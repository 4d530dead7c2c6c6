package dev.salvo.udf.runtime;

import dev.salvo.udf.api.UdfContext;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** The {@link UdfContext} of one instance; the attempt and allocator change with each call. */
final class InstanceContext implements UdfContext {
  private final String functionName;
  private final int instanceId;
  private final List<Integer> gpuIds;
  private volatile int attempt;
  private volatile BufferAllocator allocator;

  InstanceContext(String functionName, int instanceId, List<Integer> gpuIds,
      BufferAllocator allocator) {
    this.functionName = functionName;
    this.instanceId = instanceId;
    this.gpuIds = List.copyOf(gpuIds);
    this.allocator = allocator;
  }

  void beginCall(int callAttempt, BufferAllocator callAllocator) {
    this.attempt = callAttempt;
    this.allocator = callAllocator;
  }

  @Override
  public String functionName() {
    return functionName;
  }

  @Override
  public int instanceId() {
    return instanceId;
  }

  @Override
  public List<Integer> gpuIds() {
    return gpuIds;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public BufferAllocator allocator() {
    return allocator;
  }
}
