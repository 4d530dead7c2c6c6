package dev.salvo.exec.runner;

import static dev.salvo.exec.runner.RunnerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.function.ExternalCallListener;
import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.function.ExternalInvocation;
import dev.salvo.exec.plan.ExternalCallNode;
import dev.salvo.exec.statistics.ExternalCallStatistics;
import dev.salvo.exec.statistics.QueryStatistics;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.testing.Results;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The external call operator: asynchronous, bounded, ordered, and leak-free on failure. */
class ExternalCallTest {
  private BufferAllocator root;
  private NativeQueryRunner runner;
  private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(4);

  @BeforeEach
  void setUp() {
    root = new RootAllocator();
    runner = new NativeQueryRunner(2);
  }

  @AfterEach
  void tearDown() {
    runner.close();
    root.close();
    replies.shutdownNow();
  }

  /** Adds one to a BIGINT column, answering each batch 2 ms later on another thread. */
  private final class PlusOne implements ExternalFunction {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peakInFlight = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final long failOn;

    PlusOne(long failOn) {
      this.failOn = failOn;
    }

    @Override
    public String name() {
      return "plus_one";
    }

    @Override
    public List<DataType> argumentTypes() {
      return List.of(DataType.BIGINT);
    }

    @Override
    public DataType returnType() {
      return DataType.BIGINT;
    }

    @Override
    public String definitionId() {
      return "plus-one-" + failOn;
    }

    @Override
    public int batchesInFlightPerDriver(int driversPerPipeline) {
      return 3;
    }

    @Override
    public ExternalInvocation open(QueryContext context, ExternalCallListener listener) {
      opened.incrementAndGet();
      return new ExternalInvocation() {
        @Override
        public CompletableFuture<FieldVector> evaluateAsync(List<FieldVector> arguments,
            int rowCount) {
          peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          calls.incrementAndGet();
          listener.callStarted(0);
          CompletableFuture<FieldVector> result = new CompletableFuture<>();
          BigIntVector input = (BigIntVector) arguments.get(0);
          replies.schedule(() -> {
            inFlight.decrementAndGet();
            BigIntVector out = new BigIntVector("out", context.allocator());
            out.allocateNew(rowCount);
            for (int row = 0; row < rowCount; row++) {
              if (input.get(row) == failOn) {
                out.close();
                listener.callFinished(true);
                listener.rowsFailed(1);
                result.completeExceptionally(
                    new SalvoException(ErrorCode.UDF_FAILED, "plus_one failed on row " + row));
                return;
              }
              out.set(row, input.get(row) + 1);
            }
            out.setValueCount(rowCount);
            listener.callFinished(false);
            result.complete(out);
          }, 2, TimeUnit.MILLISECONDS);
          return result;
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }
  }

  @Test
  void appendsResultsKeepingSeveralBatchesInFlightWithinTheBound() {
    PlusOne function = new PlusOne(-1);
    GeneratedTable table = new GeneratedTable(4, 50);
    ExternalCallNode call = new ExternalCallNode(Plans.scan(table, List.of(GeneratedTable.ID)),
        function, List.of(0), new Column("next", DataType.BIGINT));
    List<List<Object>> rows = new ArrayList<>(run(runner, root, call, 2, 5));
    rows.sort(Comparator.comparing(row -> (Long) row.get(0)));
    assertEquals(200, rows.size());
    for (List<Object> row : rows) {
      assertEquals((Long) row.get(0) + 1, row.get(1));
    }
    assertTrue(function.peakInFlight.get() >= 2, "batches overlap: " + function.peakInFlight);
    assertTrue(function.peakInFlight.get() <= 2 * 3, "at most 3 per driver: "
        + function.peakInFlight);
    assertEquals(1, function.opened.get());
    assertEquals(1, function.closed.get());
  }

  @Test
  void aFailedCallFailsTheQueryAndReleasesEverything() {
    PlusOne function = new PlusOne(77);
    GeneratedTable table = new GeneratedTable(4, 50);
    ExternalCallNode call = new ExternalCallNode(Plans.scan(table, List.of(GeneratedTable.ID)),
        function, List.of(0), new Column("next", DataType.BIGINT));
    SalvoException error = assertThrows(SalvoException.class,
        () -> run(runner, root, call, 2, 5));
    assertEquals(ErrorCode.UDF_FAILED, error.code());
    assertEquals(1, function.closed.get());
  }

  @Test
  void reportsEachCallToTheQueryProgressAndToExplainAnalyzeFigures() {
    PlusOne function = new PlusOne(-1);
    GeneratedTable table = new GeneratedTable(4, 50);
    ExternalCallNode call = new ExternalCallNode(Plans.scan(table, List.of(GeneratedTable.ID)),
        function, List.of(0), new Column("next", DataType.BIGINT));
    QueryProgress totals = new QueryProgress();
    QueryProgress progress = new QueryProgress(totals);
    ExternalCallStatistics figures;
    try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      QueryContext context = new QueryContext("q", allocator, 2, 5, progress);
      QueryStatistics statistics = context.enableStatistics();
      try (ResultStream stream = runner.execute(call, context)) {
        assertEquals(200, Results.rows(stream).size());
      }
      figures = statistics.get(call).externalCalls();
      assertTrue(statistics.get(call).render().contains(" udf_calls=" + function.calls.get()
          + " udf_retries=0 udf_errors=0 udf_failed_rows=0 udf_peak_concurrency="),
          statistics.get(call).render());
    }
    assertEquals(function.calls.get(), figures.calls());
    assertEquals(40, figures.calls(), "200 rows in batches of 5");
    assertEquals(function.peakInFlight.get(), figures.peakConcurrency());
    assertEquals(40, progress.udfCallsCompleted());
    assertEquals(0, progress.udfCallErrors());
    assertEquals(0, progress.udfCallsInFlight());
    assertEquals(40, totals.udfCallsCompleted(), "the parent sums its queries");
  }

  @Test
  void aFailedCallCountsAsAnErrorInTheProgress() {
    PlusOne function = new PlusOne(77);
    GeneratedTable table = new GeneratedTable(4, 50);
    ExternalCallNode call = new ExternalCallNode(Plans.scan(table, List.of(GeneratedTable.ID)),
        function, List.of(0), new Column("next", DataType.BIGINT));
    QueryProgress progress = new QueryProgress();
    try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      QueryContext context = new QueryContext("q", allocator, 1, 5, progress);
      try (ResultStream stream = runner.execute(call, context)) {
        assertThrows(SalvoException.class, () -> Results.rows(stream));
      }
    }
    assertEquals(1, progress.udfCallErrors());
    assertEquals(0, progress.udfCallsInFlight(), "every call that began has ended");
    assertEquals(function.calls.get() - 1, progress.udfCallsCompleted());
  }
}
