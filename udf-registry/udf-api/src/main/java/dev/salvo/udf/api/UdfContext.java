package dev.salvo.udf.api;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a running UDF may know about where and how it runs: a stateful class receives it in its
 * constructor; any UDF reads the context of its current call with {@link #current()}.
 */
public interface UdfContext {

  /** The function's SQL name. */
  String functionName();

  /** This instance's number, 0-based and unique among the live instances of one function. */
  int instanceId();

  /**
   * The GPU device ids assigned to this instance, empty when the function asked for none. In a
   * worker process they are also in {@code CUDA_VISIBLE_DEVICES}.
   */
  List<Integer> gpuIds();

  /** The attempt of the call now running: 0 first, then 1, 2... on retries. */
  int attempt();

  /** The allocator a batch UDF allocates its result vector from. */
  BufferAllocator allocator();

  /**
   * The context of the call running on this thread.
   *
   * @throws IllegalStateException when called outside a UDF call
   */
  static UdfContext current() {
    UdfContext context = UdfContextHolder.get();
    if (context == null) {
      throw new IllegalStateException("No UDF call is running on this thread");
    }
    return context;
  }
}
