package dev.salvo.exec.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kept batches that are slices of bigger buffers are copied; others are kept as they are. */
class RetainedBatchesTest {
  private static final int ROWS = 10_000;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private FieldVector column(String name, DataType type, List<?> values) {
    return VectorValues.vectorOf(name, type, values, allocator);
  }

  /** Rows {@code [start, start + length)} of {@code source}, as slices of its buffers. */
  private static Batch slice(Batch source, int start, int length) {
    List<FieldVector> slices = new ArrayList<>();
    for (FieldVector vector : source.columns()) {
      TransferPair transfer = vector.getTransferPair(vector.getAllocator());
      transfer.splitAndTransfer(start, length);
      slices.add((FieldVector) transfer.getTo());
    }
    return Batch.of(slices, length);
  }

  private static List<List<Object>> rows(Batch batch) {
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < batch.rowCount(); row++) {
      List<Object> values = new ArrayList<>();
      for (FieldVector vector : batch.columns()) {
        values.add(VectorValues.get(vector, row));
      }
      rows.add(values);
    }
    return rows;
  }

  @Test
  void aSliceOfABigBatchIsCopiedAndNoLongerPinsIt() {
    List<Long> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<List<Integer>> tags = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      keys.add(i % 7 == 0 ? null : (long) i);
      names.add(i % 5 == 0 ? null : "name-" + i);
      tags.add(i % 3 == 0 ? null : List.of(i, i + 1));
    }
    Batch wide = Batch.of(List.of(column("k", DataType.BIGINT, keys),
        column("name", DataType.VARCHAR, names),
        column("tags", DataType.array(DataType.INTEGER), tags)), ROWS);
    // 64 rows, at an offset that is not a multiple of 8, of a 10,000-row batch.
    Batch sliced = slice(wide, 4_001, 64);
    List<List<Object>> expected = rows(sliced);
    long wideBytes = allocator.getAllocatedMemory();
    wide.close();
    // Validity bits at an unaligned offset are copied; the values stay slices of the batch.
    assertTrue(allocator.getAllocatedMemory() > wideBytes / 2, "the slices pin the batch");

    try (Batch kept = RetainedBatches.compact(sliced, allocator)) {
      assertNotSame(sliced, kept);
      assertEquals(expected, rows(kept));
      assertEquals("[4001, name-4001, [4001, 4002]]", expected.get(0).toString());
      assertEquals("[null, name-4004, [4004, 4005]]", expected.get(3).toString());
      assertEquals("[4005, null, null]", expected.get(4).toString());
      assertTrue(allocator.getAllocatedMemory() < wideBytes / 10,
          allocator.getAllocatedMemory() + " bytes kept of " + wideBytes);
      assertTrue(RetainedBatches.pinnedBytes(kept) <= 2 * kept.sizeInBytes() + 16 * 1024);
    }
  }

  @Test
  void aBatchThatOwnsItsBuffersIsKeptWithoutACopy() {
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      keys.add((long) i);
    }
    Batch own = Batch.of(List.of(column("k", DataType.BIGINT, keys)), ROWS);
    try (Batch kept = RetainedBatches.compact(own, allocator)) {
      assertSame(own, kept);
    }
  }
}
