package dev.salvo.exec.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.operator.limit.LimitOperatorFactory;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriverTest {
  private static final long FOREVER = Long.MAX_VALUE;

  private BufferAllocator allocator;
  private QueryContext context;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    context = new QueryContext("driver-test", allocator, 1, 4);
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** Emits {@code batches} batches of four BIGINT rows each, counting how many it produced. */
  private final class CountingSource implements SourceOperator {
    private final int batches;
    int produced;
    boolean closed;

    CountingSource(int batches) {
      this.batches = batches;
    }

    @Override
    public Batch next() {
      if (produced == batches) {
        return null;
      }
      long first = produced++ * 4L;
      return Batch.of(List.of(VectorValues.vectorOf("x", DataType.BIGINT,
          List.of(first, first + 1, first + 2, first + 3), allocator)), 4);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Accepts {@code room} batches, then blocks until the test releases it. */
  private static final class BlockingSink implements SinkOperator {
    final List<Long> firstValues = new ArrayList<>();
    int room;
    CompletableFuture<Void> blocked;
    int finishCalls;
    boolean closed;

    BlockingSink(int room) {
      this.room = room;
    }

    @Override
    public CompletableFuture<Void> isBlocked() {
      if (room > 0) {
        return NOT_BLOCKED;
      }
      if (blocked == null) {
        blocked = new CompletableFuture<>();
      }
      return blocked;
    }

    void release(int batches) {
      room += batches;
      CompletableFuture<Void> waiting = blocked;
      blocked = null;
      waiting.complete(null);
    }

    @Override
    public void push(Batch batch) {
      try (batch) {
        assertTrue(room > 0, "pushed while blocked");
        room--;
        firstValues.add((Long) VectorValues.get(batch.column(0), 0));
      }
    }

    @Override
    public void finish() {
      finishCalls++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void blockedSinkSuspendsTheDriverUntilItHasRoom() {
    CountingSource source = new CountingSource(5);
    BlockingSink sink = new BlockingSink(2);
    try (Driver driver = new Driver(context, source, List.of(), sink)) {
      DriverStatus status = driver.process(FOREVER);
      assertTrue(status.isBlocked());
      assertFalse(status.blockedFuture().isDone());
      assertEquals(List.of(0L, 4L), sink.firstValues);
      // One batch waits inside the driver; the source is not read further while blocked.
      assertEquals(3, source.produced);
      sink.release(10);
      assertSame(DriverStatus.FINISHED, driver.process(FOREVER));
      assertEquals(List.of(0L, 4L, 8L, 12L, 16L), sink.firstValues);
      assertEquals(1, sink.finishCalls);
    }
    assertTrue(source.closed);
    assertTrue(sink.closed);
  }

  @Test
  void closingABlockedDriverReleasesTheBatchItHolds() {
    BlockingSink sink = new BlockingSink(0);
    Driver driver = new Driver(context, new CountingSource(3), List.of(), sink);
    assertTrue(driver.process(FOREVER).isBlocked());
    assertTrue(allocator.getAllocatedMemory() > 0);
    driver.close();
    assertEquals(0, allocator.getAllocatedMemory());
    assertEquals(0, sink.finishCalls);
  }

  @Test
  void finishedLimitStopsReadingTheSource() {
    CountingSource source = new CountingSource(1000);
    BlockingSink sink = new BlockingSink(1000);
    Operator limit = new LimitOperatorFactory(2, 5).create(context);
    try (Driver driver = new Driver(context, source, List.of(limit), sink)) {
      assertSame(DriverStatus.FINISHED, driver.process(FOREVER));
    }
    // Rows 2..6 come from the first two batches; nothing more is read.
    assertEquals(List.of(2L, 4L), sink.firstValues);
    assertEquals(2, source.produced);
  }

  @Test
  void cancellationStopsTheDriverAtTheNextBatch() {
    BlockingSink sink = new BlockingSink(1000);
    try (Driver driver = new Driver(context, new CountingSource(10), List.of(), sink)) {
      context.cancel();
      SalvoException error = assertThrows(SalvoException.class, () -> driver.process(FOREVER));
      assertEquals(ErrorCode.QUERY_CANCELLED, error.code());
    }
    assertTrue(sink.firstValues.isEmpty());
  }

  @Test
  void aDriverYieldsWhenItsQuantumIsUsedUp() {
    BlockingSink sink = new BlockingSink(1000);
    try (Driver driver = new Driver(context, new CountingSource(10), List.of(), sink)) {
      assertSame(DriverStatus.YIELDED, driver.process(-1));
      DriverStatus status = DriverStatus.YIELDED;
      while (status == DriverStatus.YIELDED) {
        status = driver.process(-1);
      }
      assertSame(DriverStatus.FINISHED, status);
    }
    assertEquals(10, sink.firstValues.size());
  }
}
