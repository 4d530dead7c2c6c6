package dev.salvo.udf.runtime;

import java.util.List;

/**
 * Server-level settings of the UDF runtime.
 *
 * @param gpuInventory number of GPUs instances may claim, or {@code auto} to count them with
 *     {@code nvidia-smi -L} (0 when absent)
 * @param workerHeapMegabytes {@code -Xmx} of each worker JVM for {@code use_process} functions
 * @param workerJvmOptions further options for worker JVMs
 * @param errorLogCapacity most records the UDF error log keeps
 */
public record UdfRuntimeSettings(String gpuInventory, int workerHeapMegabytes,
    List<String> workerJvmOptions, int errorLogCapacity) {

  public static final UdfRuntimeSettings DEFAULTS =
      new UdfRuntimeSettings("auto", 512, List.of(), 10_000);

  public UdfRuntimeSettings {
    workerJvmOptions = List.copyOf(workerJvmOptions);
  }

  public UdfRuntimeSettings withGpuInventory(String inventory) {
    return new UdfRuntimeSettings(inventory, workerHeapMegabytes, workerJvmOptions,
        errorLogCapacity);
  }
}
