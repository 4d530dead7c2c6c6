package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A hash aggregation's state: the group-by hash plus one accumulator per aggregate call. Each
 * driver fills its own (partial) one; the partial ones are then merged into a final one whose
 * groups become the output rows. Not thread-safe; reading the output of a finished instance
 * from several threads is safe.
 */
final class GroupedAggregation {
  /** Groups merged per round, bounding the temporary key vectors of a merge. */
  private static final int MERGE_CHUNK = 8192;

  private final int[] groupKeys;
  private final List<DataType> keyTypes;
  private final GroupByHash hash;
  private final Accumulator[] accumulators;
  private final List<FieldVector> keyVectors = new ArrayList<>();

  GroupedAggregation(List<Integer> groupKeys, List<DataType> keyTypes,
      List<Supplier<Accumulator>> accumulatorFactories) {
    this.groupKeys = groupKeys.stream().mapToInt(Integer::intValue).toArray();
    this.keyTypes = keyTypes;
    this.hash = new GroupByHash(keyTypes);
    this.accumulators = new Accumulator[accumulatorFactories.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = accumulatorFactories.get(i).get();
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
    for (Accumulator accumulator : accumulators) {
      accumulator.ensureCapacity(hash.groupCount());
      accumulator.add(groupIds, batch, rowCount);
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
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].ensureCapacity(hash.groupCount());
      accumulators[i].merge(other.accumulators[i], mapping, otherGroups);
    }
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
