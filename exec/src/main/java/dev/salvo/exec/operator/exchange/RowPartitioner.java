package dev.salvo.exec.operator.exchange;

import dev.salvo.exec.batch.Batch;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Assigns each row of a batch to a partition: by a hash of the key columns, so equal keys
 * always meet in one partition, or round-robin when there are no keys.
 */
final class RowPartitioner {
  private final int partitions;
  private final List<Integer> keys;
  private int nextRoundRobin;

  /** {@code start} offsets the round-robin so that several producers do not all begin at 0. */
  RowPartitioner(int partitions, List<Integer> keys, int start) {
    this.partitions = partitions;
    this.keys = List.copyOf(keys);
    this.nextRoundRobin = Math.floorMod(start, partitions);
  }

  /** The partition of every row of {@code batch}. */
  int[] assign(Batch batch) {
    int rows = batch.rowCount();
    int[] assigned = new int[rows];
    if (keys.isEmpty()) {
      for (int row = 0; row < rows; row++) {
        assigned[row] = nextRoundRobin;
        nextRoundRobin = nextRoundRobin + 1 == partitions ? 0 : nextRoundRobin + 1;
      }
      return assigned;
    }
    int[] hashes = new int[rows];
    for (int key : keys) {
      FieldVector column = batch.column(key);
      for (int row = 0; row < rows; row++) {
        // Arrow hashes a value's bytes, so equal values of one column type hash alike.
        int value = column.isNull(row) ? 0 : column.hashCode(row);
        hashes[row] = hashes[row] * 31 + value;
      }
    }
    for (int row = 0; row < rows; row++) {
      assigned[row] = Math.floorMod(mix(hashes[row]), partitions);
    }
    return assigned;
  }

  /** Spreads the bits, since column hashes of small integers differ only in low bits. */
  private static int mix(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
