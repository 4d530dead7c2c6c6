package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.type.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Any aggregate over DISTINCT arguments: keeps each group's set of distinct argument values
 * (one value, or a list of values for several arguments) and, when the results are written,
 * feeds the sets through a fresh non-distinct accumulator of the same call.
 */
final class DistinctAccumulator extends GrowableAccumulator {
  private final int[] arguments;
  private final List<DataType> argumentTypes;
  /** Creates the non-distinct accumulator, reading arguments from columns 0, 1, ... */
  private final Function<GroupRows, Accumulator> base;
  private List<Set<Object>> sets = new ArrayList<>();

  DistinctAccumulator(int[] arguments, List<DataType> argumentTypes,
      Function<GroupRows, Accumulator> base) {
    this.arguments = arguments;
    this.argumentTypes = argumentTypes;
    this.base = base;
  }

  @Override
  protected void grow(int capacity) {
    while (sets.size() < capacity) {
      sets.add(null);
    }
  }

  @Override
  public void add(int[] groupIds, Batch batch, int rowCount) {
    FieldVector[] vectors = new FieldVector[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      vectors[i] = batch.column(arguments[i]);
    }
    for (int row = 0; row < rowCount; row++) {
      Object key;
      if (vectors.length == 1) {
        key = value(vectors[0], row);
      } else {
        Object[] values = new Object[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
          values[i] = value(vectors[i], row);
        }
        key = Arrays.asList(values);
      }
      set(groupIds[row]).add(key);
    }
  }

  private Set<Object> set(int group) {
    Set<Object> set = sets.get(group);
    if (set == null) {
      set = new HashSet<>();
      sets.set(group, set);
    }
    return set;
  }

  /** The row's value in a form with value equality (byte arrays compare by identity). */
  private static Object value(FieldVector vector, int row) {
    Object value = VectorValues.get(vector, row);
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  @Override
  public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
    List<Set<Object>> otherSets = ((DistinctAccumulator) other).sets;
    for (int group = 0; group < otherGroupCount; group++) {
      Set<Object> values = otherSets.get(group);
      if (values != null) {
        set(groupMapping[group]).addAll(values);
      }
    }
  }

  @Override
  public void write(FieldVector target, DataType type, int first, int count) {
    List<List<Object>> columns = new ArrayList<>();
    for (int i = 0; i < arguments.length; i++) {
      columns.add(new ArrayList<>());
    }
    int[] groupIds = new int[0];
    int rows = 0;
    for (int i = 0; i < count; i++) {
      Set<Object> values = sets.get(first + i);
      if (values == null) {
        continue;
      }
      for (Object key : values) {
        if (rows == groupIds.length) {
          groupIds = Arrays.copyOf(groupIds, Math.max(16, rows * 2));
        }
        groupIds[rows++] = i;
        for (int a = 0; a < arguments.length; a++) {
          Object value = arguments.length == 1 ? key : ((List<?>) key).get(a);
          columns.get(a).add(value instanceof ByteBuffer buffer ? buffer.array() : value);
        }
      }
    }
    BufferAllocator allocator = target.getAllocator();
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (int a = 0; a < arguments.length; a++) {
        vectors.add(VectorValues.vectorOf("distinct" + a, argumentTypes.get(a), columns.get(a),
            allocator));
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    try (Batch batch = Batch.of(vectors, rows)) {
      GroupRows groupRows = new GroupRows();
      groupRows.add(groupIds, rows, count);
      Accumulator accumulator = base.apply(groupRows);
      accumulator.ensureCapacity(count);
      accumulator.add(groupIds, batch, rows);
      accumulator.write(target, type, 0, count);
    }
  }
}
