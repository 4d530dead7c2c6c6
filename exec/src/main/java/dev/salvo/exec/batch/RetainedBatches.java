package dev.salvo.exec.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * Prepares batches that an operator keeps until its input ends (a hash join's build side, a
 * sort, a window), so that a kept batch holds no more memory than its own rows need.
 *
 * <p>A batch's vectors may be slices of a bigger buffer: a stored table's reader hands out each
 * column of a record batch as a slice of the buffer that holds the whole record batch, every
 * column included, and a filter or a selective join may leave a batch allocated for many more
 * rows than it kept. Streaming operators release such a batch at once; a kept one pins the
 * whole buffer (a build side over two lineitem columns held all sixteen). Such batches are
 * copied into buffers of their own; others are kept as they are, without a copy.
 */
public final class RetainedBatches {
  /** Bytes a batch may pin beyond twice its own size before it is copied: small ones never are. */
  private static final long SLACK_BYTES = 16 * 1024;

  private RetainedBatches() {}

  /**
   * {@code batch} itself, or, when it pins much more memory than its rows need, a copy in new
   * buffers of {@code allocator} (the original is closed then). Takes the batch over either way,
   * also when it throws.
   */
  public static Batch compact(Batch batch, BufferAllocator allocator) {
    if (pinnedBytes(batch) <= 2 * batch.sizeInBytes() + SLACK_BYTES) {
      return batch;
    }
    try (batch) {
      return copy(batch, allocator);
    }
  }

  /** The bytes of the allocations that {@code batch}'s buffers are part of, each counted once. */
  static long pinnedBytes(Batch batch) {
    Set<ReferenceManager> allocations = Collections.newSetFromMap(new IdentityHashMap<>());
    long bytes = 0;
    for (FieldVector vector : batch.columns()) {
      for (ArrowBuf buffer : vector.getBuffers(false)) {
        ReferenceManager allocation = buffer.getReferenceManager();
        if (allocations.add(allocation)) {
          bytes += allocation.getSize();
        }
      }
    }
    return bytes;
  }

  private static Batch copy(Batch batch, BufferAllocator allocator) {
    int rowCount = batch.rowCount();
    List<FieldVector> copies = new ArrayList<>(batch.columnCount());
    try {
      for (FieldVector source : batch.columns()) {
        FieldVector target = source.getField().createVector(allocator);
        copies.add(target);
        if (source instanceof BaseFixedWidthVector || source instanceof BaseVariableWidthVector) {
          // Whole buffers at a time; the appender grows the target as it needs.
          target.setInitialCapacity(rowCount);
          target.allocateNew();
          source.accept(new VectorAppender(target), null);
        } else {
          target.setInitialCapacity(rowCount);
          target.allocateNew();
          for (int row = 0; row < rowCount; row++) {
            target.copyFromSafe(row, row, source);
          }
          target.setValueCount(rowCount);
        }
      }
      return Batch.of(copies, rowCount);
    } catch (RuntimeException e) {
      copies.forEach(FieldVector::close);
      throw e;
    }
  }
}
