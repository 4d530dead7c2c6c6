package dev.salvo.udf.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import dev.salvo.udf.catalog.UdfOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code use_process} functions in real worker JVMs: a dying UDF costs only its worker. */
class WorkerProcessTest {
  @TempDir
  Path jarDirectory;

  @Test
  void systemExitInAWorkerLeavesTheCallerUpAndTheNextCallWorks() throws Exception {
    Path jar = UdfJars.build(jarDirectory, UdfSources.ALL);
    try (BufferAllocator allocator = new RootAllocator();
        UdfRuntime runtime = new UdfRuntime(UdfRuntimeSettings.DEFAULTS.withGpuInventory("0"))) {
      runtime.register(FunctionDefinition.of("exits", List.of(DataType.BIGINT), null,
          "acme.Rows#exitOn13", List.of(jar),
          UdfOptions.parse(Map.of("use_process", "true", "max_concurrency", "1"))));
      runtime.register(FunctionDefinition.of("exits_logged", List.of(DataType.BIGINT), null,
          "acme.Rows#exitOn13", List.of(jar),
          UdfOptions.parse(Map.of("use_process", "true", "max_concurrency", "1",
              "on_error", "log"))));

      assertEquals(List.of(2L, 3L), evaluate(runtime, allocator, "exits", List.of(1L, 2L)));
      SalvoException error = assertThrows(SalvoException.class,
          () -> evaluate(runtime, allocator, "exits", List.of(1L, 13L, 2L)));
      assertEquals(ErrorCode.UDF_FAILED, error.code());
      assertTrue(error.getMessage().contains("exited with status 7"), error.getMessage());
      assertEquals(List.of(4L, 5L), evaluate(runtime, allocator, "exits", List.of(3L, 4L)));

      assertEquals(Arrays.asList(2L, null, 3L),
          evaluate(runtime, allocator, "exits_logged", List.of(1L, 13L, 2L)));
      assertEquals(1, runtime.errorLog().records().size());
      assertEquals(1, runtime.errorLog().records().get(0).row());

      runtime.register(FunctionDefinition.of("hangs", List.of(DataType.BIGINT), null,
          "acme.Rows#slow", List.of(jar),
          UdfOptions.parse(Map.of("use_process", "true", "timeout", "300ms"))));
      SalvoException timeout = assertThrows(SalvoException.class,
          () -> evaluate(runtime, allocator, "hangs", List.of(1L)));
      assertTrue(timeout.getMessage().contains("timed out after 300 ms"), timeout.getMessage());
      assertEquals(List.of(6L), evaluate(runtime, allocator, "exits", List.of(5L)));

      assertTrue(ProcessHandle.current().children().findAny().isPresent(),
          "warm workers are alive between queries");
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
        "no worker JVM outlives the runtime");
  }

  @Test
  void outOfMemoryCostsOnlyTheWorkerAndWorkersSeeTheirGpus() throws Exception {
    Path jar = UdfJars.build(jarDirectory, UdfSources.ALL);
    try (BufferAllocator allocator = new RootAllocator();
        UdfRuntime runtime = new UdfRuntime(UdfRuntimeSettings.DEFAULTS.withGpuInventory("2"))) {
      runtime.register(FunctionDefinition.of("hog", List.of(DataType.BIGINT), null,
          "acme.Rows#hog", List.of(jar),
          UdfOptions.parse(Map.of("use_process", "true", "max_concurrency", "1"))));
      SalvoException error = assertThrows(SalvoException.class,
          () -> evaluate(runtime, allocator, "hog", List.of(1L)));
      assertEquals(ErrorCode.UDF_FAILED, error.code());
      assertTrue(error.getMessage().contains("hog") && error.getMessage().contains("exited"),
          error.getMessage());
      runtime.register(FunctionDefinition.of("plus_one", List.of(DataType.BIGINT), null,
          "acme.Rows#call", List.of(jar), UdfOptions.parse(Map.of("use_process", "true"))));
      assertEquals(List.of(6L), evaluate(runtime, allocator, "plus_one", List.of(5L)));

      // Two workers needing a whole GPU each: each is shown only its own device.
      runtime.register(FunctionDefinition.of("device", List.of(DataType.BIGINT), null,
          "acme.Rows#visibleDevice", List.of(jar),
          UdfOptions.parse(Map.of("use_process", "true", "gpus", "1", "max_concurrency", "2",
              "batch_size", "1"))));
      List<Object> devices = evaluate(runtime, allocator, "device", range(40));
      assertTrue(devices.stream().allMatch(device -> device.equals(0L) || device.equals(1L)),
          devices.toString());
    }
  }

  private static List<Long> range(int count) {
    return java.util.stream.LongStream.range(0, count).boxed().toList();
  }

  private static List<Object> evaluate(UdfRuntime runtime, BufferAllocator allocator,
      String function, List<Long> values) {
    QueryContext query = new QueryContext("q", allocator, 1, 1024);
    try (FunctionHandle handle = runtime.open(function);
        FieldVector input = VectorValues.vectorOf("x", DataType.BIGINT, values, allocator);
        FieldVector output = handle.evaluate(List.of(input), values.size(), query)) {
      List<Object> results = new ArrayList<>();
      for (int row = 0; row < values.size(); row++) {
        results.add(VectorValues.get(output, row));
      }
      return results;
    }
  }
}
