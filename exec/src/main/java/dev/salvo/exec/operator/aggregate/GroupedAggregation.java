package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A hash aggregation's state: the group-by hash plus one accumulator per aggregate call. Each
 * driver fills its own (partial) one; the partial ones are then merged into a final one whose
 * groups become the output rows. Not thread-safe; reading the output of a finished instance
 * from several threads is safe.
 *
 * <p>Its Java arrays (hash table, keys, accumulators) are reserved against the query's
 * allocator, as an estimate per group, so they count toward the query's memory limit: a query
 * whose groups outgrow it fails with MEMORY_LIMIT_EXCEEDED instead of filling the heap.
 * {@link #close()} gives the reservation back.
 */
final class GroupedAggregation implements AutoCloseable {
  /** Hash table per group: the group's hash, about two slots, and its id per input row. */
  private static final long HASH_BYTES_PER_GROUP = 8 + 2 * 8 + 4;
  /** A stored key value; variable-width keys count their offsets only, an underestimate. */
  private static final long KEY_BYTES_PER_GROUP = 8 + 1;
  /** An accumulator's value and validity; decimal sums need two longs. */
  private static final long ACCUMULATOR_BYTES_PER_GROUP = 16 + 1;

  /** Groups merged per round, bounding the temporary key vectors of a merge. */
  private static final int MERGE_CHUNK = 8192;

  private final int[] groupKeys;
  private final List<DataType> keyTypes;
  private final GroupByHash hash;
  private final GroupRows groupRows = new GroupRows();
  private final Accumulator[] accumulators;
  private final List<FieldVector> keyVectors = new ArrayList<>();
  private final BufferAllocator allocator;
  private final long bytesPerGroup;
  private AllocationReservation reservation;
  private long reservedBytes;

  GroupedAggregation(List<Integer> groupKeys, List<DataType> keyTypes,
      List<Accumulators.Factory> accumulatorFactories, BufferAllocator allocator) {
    this.allocator = allocator;
    this.bytesPerGroup = HASH_BYTES_PER_GROUP + KEY_BYTES_PER_GROUP * keyTypes.size()
        + ACCUMULATOR_BYTES_PER_GROUP * accumulatorFactories.size();
    this.groupKeys = groupKeys.stream().mapToInt(Integer::intValue).toArray();
    this.keyTypes = keyTypes;
    this.hash = new GroupByHash(keyTypes);
    this.accumulators = new Accumulator[accumulatorFactories.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = accumulatorFactories.get(i).create(accumulators, groupRows);
      accumulators[i].ensureCapacity(hash.groupCount());
    }
  }

  int groupCount() {
    return hash.groupCount();
  }

  /** Adds every row of {@code batch}, which stays open. */
  void add(Batch batch) {
    int rowCount = batch.rowCount();
    keyVectors.clear();
    for (int key : groupKeys) {
      keyVectors.add(batch.column(key));
    }
    int[] groupIds = hash.groupIds(keyVectors, rowCount);
    groupRows.add(groupIds, rowCount, hash.groupCount());
    for (Accumulator accumulator : accumulators) {
      accumulator.ensureCapacity(hash.groupCount());
      accumulator.add(groupIds, batch, rowCount);
    }
    reserveForGroups();
  }

  /**
   * Grows the reservation to cover the groups there are now, doubling so that growing by a
   * few groups does not touch the allocator each batch.
   *
   * @throws SalvoException MEMORY_LIMIT_EXCEEDED when the query's limit does not allow it
   */
  private void reserveForGroups() {
    long needed = hash.groupCount() * bytesPerGroup;
    if (needed <= reservedBytes) {
      return;
    }
    if (reservation == null) {
      reservation = allocator.newReservation();
    }
    long wanted = Math.max(needed, reservedBytes * 2);
    if (!reservation.add(wanted - reservedBytes)) {
      wanted = needed;
      if (!reservation.add(wanted - reservedBytes)) {
        throw new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "An aggregation's "
            + hash.groupCount() + " groups need about " + needed + " bytes, more than the"
            + " query's memory limit of " + allocator.getLimit() + " bytes allows ("
            + allocator.getAllocatedMemory() + " in use)");
      }
    }
    reservedBytes = wanted;
  }

  /** Gives the memory reserved for the groups back; the output stays readable. */
  @Override
  public void close() {
    if (reservation != null) {
      reservation.close();
      reservation = null;
      reservedBytes = 0;
    }
  }

  /** Adds the state of another partial aggregation of the same node. */
  void merge(GroupedAggregation other, BufferAllocator allocator) {
    int otherGroups = other.groupCount();
    int[] mapping = new int[otherGroups];
    if (hash.keyCount() > 0) {
      for (int first = 0; first < otherGroups; first += MERGE_CHUNK) {
        int count = Math.min(MERGE_CHUNK, otherGroups - first);
        List<FieldVector> keys = other.keyVectors(first, count, allocator);
        try {
          int[] ids = hash.groupIds(keys, count);
          System.arraycopy(ids, 0, mapping, first, count);
        } finally {
          keys.forEach(FieldVector::close);
        }
      }
    }
    groupRows.merge(other.groupRows, mapping, otherGroups, hash.groupCount());
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].ensureCapacity(hash.groupCount());
      accumulators[i].merge(other.accumulators[i], mapping, otherGroups);
    }
    reserveForGroups();
  }

  private List<FieldVector> keyVectors(int first, int count, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(keyTypes.size());
    try {
      for (int k = 0; k < keyTypes.size(); k++) {
        vectors.add(allocate(keyTypes.get(k).toField("key" + k).createVector(allocator), count));
      }
      hash.writeKeys(vectors, first, count);
      for (FieldVector vector : vectors) {
        vector.setValueCount(count);
      }
      return vectors;
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  /** The output rows of groups {@code [first, first + count)}: keys, then aggregates. */
  Batch output(int first, int count, RowType outputType, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(outputType.size());
    try {
      for (int c = 0; c < outputType.size(); c++) {
        columns.add(allocate(outputType.column(c).type().toField(outputType.column(c).name())
            .createVector(allocator), count));
      }
      hash.writeKeys(columns.subList(0, groupKeys.length), first, count);
      for (int i = 0; i < accumulators.length; i++) {
        int column = groupKeys.length + i;
        accumulators[i].write(columns.get(column), outputType.type(column), first, count);
      }
      for (FieldVector column : columns) {
        column.setValueCount(count);
      }
      return Batch.of(columns, count);
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
  }

  private static FieldVector allocate(FieldVector vector, int count) {
    try {
      vector.setInitialCapacity(Math.max(count, 1));
      vector.allocateNew();
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }
}
