package dev.salvo.udf.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Copies chosen rows of argument vectors into new vectors, for chunks and retried rows. */
final class VectorRows {
  private VectorRows() {}

  /** New vectors (owned by the caller) holding rows {@code start .. start + length - 1}. */
  static List<FieldVector> range(List<FieldVector> vectors, int start, int length,
      BufferAllocator allocator) {
    int[] rows = new int[length];
    for (int i = 0; i < length; i++) {
      rows[i] = start + i;
    }
    return select(vectors, rows, allocator);
  }

  /** New vectors (owned by the caller) holding the given rows, in order. */
  static List<FieldVector> select(List<FieldVector> vectors, int[] rows,
      BufferAllocator allocator) {
    List<FieldVector> copies = new ArrayList<>(vectors.size());
    try {
      for (FieldVector source : vectors) {
        FieldVector copy = source.getField().createVector(allocator);
        copies.add(copy);
        copy.setInitialCapacity(Math.max(rows.length, 1));
        copy.allocateNew();
        for (int i = 0; i < rows.length; i++) {
          copy.copyFromSafe(rows[i], i, source);
        }
        copy.setValueCount(rows.length);
      }
      return copies;
    } catch (RuntimeException e) {
      close(copies);
      throw e;
    }
  }

  static void close(List<FieldVector> vectors) {
    for (FieldVector vector : vectors) {
      vector.close();
    }
  }
}
