package dev.salvo.exec.expr.vector;

import dev.salvo.exec.batch.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * An expression that can evaluate chosen rows of a batch where they lie, which saves
 * {@link RowSelection} from copying those rows into a smaller batch first: a comparison of a
 * column with a constant reads each chosen value once either way, and the copy was most of
 * the cost.
 */
public interface InPlaceSelection {
  /**
   * The values of rows {@code rows[0..count)} (ascending, each below the batch's row count) of
   * {@code input}, in order; null where this evaluation cannot read them in place, and the
   * caller copies them out instead.
   */
  FieldVector evaluateSelected(Batch input, int[] rows, int count, BufferAllocator allocator);
}
