package dev.salvo.exec.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.testing.Results;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Runs a plan to completion in its own child allocator and checks that nothing leaked. */
public final class RunnerTestSupport {
  private RunnerTestSupport() {}

  public static List<List<Object>> run(QueryRunner runner, BufferAllocator root, ExecNode plan,
      int parallelism, int batchSize) {
    List<List<Object>> rows;
    try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      try (ResultStream stream = runner.execute(plan,
          new QueryContext("test", allocator, parallelism, batchSize))) {
        assertEquals(plan.outputType(), stream.rowType());
        rows = Results.rows(stream);
      }
      assertEquals(0, allocator.getAllocatedMemory(), "memory left after close");
    }
    return rows;
  }
}
