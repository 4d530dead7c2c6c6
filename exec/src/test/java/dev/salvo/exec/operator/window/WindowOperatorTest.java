package dev.salvo.exec.operator.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.plan.WindowCall;
import dev.salvo.exec.plan.WindowFrame;
import dev.salvo.exec.plan.WindowFrame.Bound;
import dev.salvo.exec.plan.WindowFrame.BoundKind;
import dev.salvo.exec.plan.WindowFunction;
import dev.salvo.exec.plan.WindowNode;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.testing.Results;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window sink and source on hand-built sorted batches: partitions and peer groups that
 * cross batch boundaries, every frame shape, NULLs, and release of all memory on success and
 * on failure (the allocator refuses to close while anything leaks).
 */
class WindowOperatorTest {
  private static final RowType INPUT = new RowType(List.of(
      new Column("p", DataType.VARCHAR), new Column("o", DataType.BIGINT),
      new Column("v", DataType.BIGINT)));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** Sorted by p then o; partition "a" spans both batches, peers o=2 straddle the boundary. */
  private List<Batch> batches() {
    return List.of(
        batch(rows(row("a", 1L, 10L), row("a", 2L, 20L))),
        batch(rows(row("a", 2L, 30L), row("a", 4L, null), row("a", 7L, 50L), row("b", 1L, 5L))),
        batch(rows(row("b", 3L, 7L), row("b", null, 6L))));
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @SafeVarargs
  private static List<List<Object>> rows(List<Object>... rows) {
    return List.of(rows);
  }

  private Batch batch(List<List<Object>> rows) {
    List<FieldVector> vectors = new ArrayList<>();
    for (int c = 0; c < INPUT.size(); c++) {
      int column = c;
      vectors.add(VectorValues.vectorOf(INPUT.column(c).name(), INPUT.type(c),
          rows.stream().map(row -> row.get(column)).toList(), allocator));
    }
    return Batch.of(vectors, rows.size());
  }

  private static WindowCall call(WindowFunction function, List<Integer> arguments,
      DataType type) {
    return new WindowCall(function, arguments, 1, null, type, function.name().toLowerCase());
  }

  private static WindowNode node(WindowFrame frame, List<WindowCall> calls) {
    List<Column> columns = new ArrayList<>(INPUT.columns());
    for (WindowCall call : calls) {
      columns.add(new Column(call.name(), call.type()));
    }
    return new WindowNode(new ValuesNode(INPUT, List.of()), List.of(0),
        List.of(new SortKey(1, true, false)), frame, calls, new RowType(columns));
  }

  /** Pushes the batches through a sink, then reads the source, which allocates from {@code output}. */
  private List<List<Object>> run(WindowNode node, List<Batch> input) {
    return run(node, input, allocator);
  }

  private List<List<Object>> run(WindowNode node, List<Batch> input, BufferAllocator output) {
    QueryContext context = new QueryContext("test", output, 1, 4);
    List<List<Object>> result = new ArrayList<>();
    WindowSinkFactory sink = new WindowSinkFactory();
    WindowSourceFactory source = new WindowSourceFactory(sink, node);
    try {
      try (SinkOperator driver = sink.create(context)) {
        input.forEach(driver::push);
        driver.finish();
      }
      sink.finishPipeline();
      assertEquals(1, source.maxDrivers(context));
      try (SourceOperator reader = source.create(context)) {
        for (Batch next = reader.next(); next != null; next = reader.next()) {
          try (Batch batch = next) {
            assertEquals(node.outputType().size(), batch.columnCount());
            result.addAll(Results.rows(batch));
          }
        }
      }
    } finally {
      source.close();
    }
    return result;
  }

  private static List<Object> column(List<List<Object>> rows, int column) {
    return rows.stream().map(row -> row.get(column)).toList();
  }

  @Test
  void ranksAcrossBatchBoundaries() {
    List<List<Object>> rows = run(node(WindowFrame.DEFAULT, List.of(
        call(WindowFunction.ROW_NUMBER, List.of(), DataType.BIGINT),
        call(WindowFunction.RANK, List.of(), DataType.BIGINT),
        call(WindowFunction.DENSE_RANK, List.of(), DataType.BIGINT),
        call(WindowFunction.CUME_DIST, List.of(), DataType.DOUBLE))), batches());
    assertEquals(8, rows.size());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 1L, 2L, 3L), column(rows, 3));
    assertEquals(List.of(1L, 2L, 2L, 4L, 5L, 1L, 2L, 3L), column(rows, 4));
    assertEquals(List.of(1L, 2L, 2L, 3L, 4L, 1L, 2L, 3L), column(rows, 5));
    assertEquals(List.of(0.2, 0.6, 0.6, 0.8, 1.0, 1.0 / 3, 2.0 / 3, 1.0), column(rows, 6));
    // The input columns pass through unchanged.
    assertEquals(Arrays.asList(10L, 20L, 30L, null, 50L, 5L, 7L, 6L), column(rows, 2));
  }

  @Test
  void runningAggregatesIncludePeersAndSkipNulls() {
    List<List<Object>> rows = run(node(WindowFrame.DEFAULT, List.of(
        call(WindowFunction.SUM, List.of(2), DataType.BIGINT),
        call(WindowFunction.COUNT, List.of(2), DataType.BIGINT),
        call(WindowFunction.MAX, List.of(2), DataType.BIGINT))), batches());
    assertEquals(List.of(10L, 60L, 60L, 60L, 110L, 5L, 12L, 18L), column(rows, 3));
    assertEquals(List.of(1L, 3L, 3L, 3L, 4L, 1L, 2L, 3L), column(rows, 4));
    assertEquals(List.of(10L, 30L, 30L, 30L, 50L, 5L, 7L, 7L), column(rows, 5));
  }

  @Test
  void slidingRowsFrameAndOffsets() {
    WindowFrame frame = new WindowFrame(true, new Bound(BoundKind.PRECEDING, BigDecimal.ONE),
        new Bound(BoundKind.FOLLOWING, BigDecimal.ONE));
    List<List<Object>> rows = run(node(frame, List.of(
        call(WindowFunction.SUM, List.of(2), DataType.BIGINT),
        call(WindowFunction.MIN, List.of(2), DataType.BIGINT),
        new WindowCall(WindowFunction.LAG, List.of(2), 2, -1L, DataType.BIGINT, "lag"),
        call(WindowFunction.LEAD, List.of(2), DataType.BIGINT),
        call(WindowFunction.LAST_VALUE, List.of(2), DataType.BIGINT))), batches());
    assertEquals(List.of(30L, 60L, 50L, 80L, 50L, 12L, 18L, 13L), column(rows, 3));
    assertEquals(List.of(10L, 10L, 20L, 30L, 50L, 5L, 5L, 6L), column(rows, 4));
    assertEquals(List.of(-1L, -1L, 10L, 20L, 30L, -1L, -1L, 5L), column(rows, 5));
    assertEquals(Arrays.asList(20L, 30L, null, 50L, null, 7L, 6L, null), column(rows, 6));
    assertEquals(Arrays.asList(20L, 30L, null, 50L, 50L, 7L, 6L, 6L), column(rows, 7));
  }

  @Test
  void rangeFrameWithOffsetsComparesKeysAndKeepsNullsApart() {
    WindowFrame frame = new WindowFrame(false, new Bound(BoundKind.PRECEDING, BigDecimal.ONE),
        new Bound(BoundKind.FOLLOWING, BigDecimal.valueOf(2)));
    List<List<Object>> rows = run(node(frame, List.of(
        call(WindowFunction.COUNT, List.of(), DataType.BIGINT))), batches());
    // a: o=1 sees 1,2,2; o=2 sees 1,2,2,4; o=4 sees 4; o=7 sees 7. b: 1 sees 1,3; 3 sees 3; NULL sees NULL.
    assertEquals(List.of(3L, 4L, 4L, 1L, 1L, 2L, 1L, 1L), column(rows, 3));
  }

  @Test
  void emptyInputGivesNoRows() {
    assertTrue(run(node(WindowFrame.DEFAULT, List.of(
        call(WindowFunction.ROW_NUMBER, List.of(), DataType.BIGINT))), List.of()).isEmpty());
  }

  @Test
  void failureReleasesEverything() {
    WindowNode node = node(WindowFrame.DEFAULT, List.of(
        new WindowCall(WindowFunction.NTILE, List.of(), 0, null, DataType.BIGINT, "ntile")));
    assertThrows(SalvoException.class, () -> run(node, batches()));
    // tearDown closes the allocator, which fails if any buffer is still held.
  }

  @Test
  void runningOutOfMemoryFailsAndReleasesEverything() {
    WindowNode node = node(WindowFrame.DEFAULT, List.of(
        call(WindowFunction.SUM, List.of(2), DataType.BIGINT)));
    try (BufferAllocator tiny = allocator.newChildAllocator("tiny", 0, 64)) {
      RuntimeException failure = assertThrows(RuntimeException.class,
          () -> run(node, batches(), tiny));
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, SalvoException.wrap(failure).code());
      assertEquals(0, tiny.getAllocatedMemory());
    }
  }
}
