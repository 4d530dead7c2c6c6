package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/** MIN and MAX, one accumulator class per value representation. */
final class MinMaxAccumulators {
  private MinMaxAccumulators() {}

  /** Integer-like values: integers, BOOLEAN, DATE, TIME, TIMESTAMP, intervals. */
  static final class LongMinMax extends GrowableAccumulator {
    private final int argument;
    private final boolean max;
    private long[] values = new long[0];
    private boolean[] present = new boolean[0];
    private long[] input;

    LongMinMax(int argument, boolean max) {
      this.argument = argument;
      this.max = max;
    }

    @Override
    protected void grow(int capacity) {
      values = Arrays.copyOf(values, capacity);
      present = Arrays.copyOf(present, capacity);
    }

    @Override
    public void add(int[] groupIds, Batch batch, int rowCount) {
      FieldVector vector = batch.column(argument);
      input = ColumnReaders.readLongs(vector, rowCount, input);
      boolean hasNulls = vector.getNullCount() > 0;
      for (int row = 0; row < rowCount; row++) {
        if (!hasNulls || !vector.isNull(row)) {
          accept(groupIds[row], input[row]);
        }
      }
    }

    private void accept(int group, long value) {
      if (!present[group] || (max ? value > values[group] : value < values[group])) {
        values[group] = value;
        present[group] = true;
      }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
      LongMinMax partial = (LongMinMax) other;
      for (int group = 0; group < otherGroupCount; group++) {
        if (partial.present[group]) {
          accept(groupMapping[group], partial.values[group]);
        }
      }
    }

    @Override
    public void write(FieldVector target, DataType type, int first, int count) {
      for (int i = 0; i < count; i++) {
        if (present[first + i]) {
          ColumnReaders.writeLong(target, i, values[first + i]);
        } else {
          target.setNull(i);
        }
      }
    }
  }

  /** REAL and DOUBLE values. */
  static final class DoubleMinMax extends GrowableAccumulator {
    private final int argument;
    private final boolean max;
    private double[] values = new double[0];
    private boolean[] present = new boolean[0];
    private double[] input;

    DoubleMinMax(int argument, boolean max) {
      this.argument = argument;
      this.max = max;
    }

    @Override
    protected void grow(int capacity) {
      values = Arrays.copyOf(values, capacity);
      present = Arrays.copyOf(present, capacity);
    }

    @Override
    public void add(int[] groupIds, Batch batch, int rowCount) {
      FieldVector vector = batch.column(argument);
      input = ColumnReaders.readDoubles(vector, rowCount, input);
      boolean hasNulls = vector.getNullCount() > 0;
      for (int row = 0; row < rowCount; row++) {
        if (!hasNulls || !vector.isNull(row)) {
          accept(groupIds[row], input[row]);
        }
      }
    }

    private void accept(int group, double value) {
      if (!present[group]) {
        values[group] = value;
        present[group] = true;
      } else {
        int comparison = Double.compare(value, values[group]);
        if (max ? comparison > 0 : comparison < 0) {
          values[group] = value;
        }
      }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
      DoubleMinMax partial = (DoubleMinMax) other;
      for (int group = 0; group < otherGroupCount; group++) {
        if (partial.present[group]) {
          accept(groupMapping[group], partial.values[group]);
        }
      }
    }

    @Override
    public void write(FieldVector target, DataType type, int first, int count) {
      for (int i = 0; i < count; i++) {
        if (present[first + i]) {
          ColumnReaders.writeDouble(target, i, values[first + i]);
        } else {
          target.setNull(i);
        }
      }
    }
  }

  /** DECIMAL values, compared as 128-bit unscaled integers of the argument's scale. */
  static final class DecimalMinMax extends GrowableAccumulator {
    private final int argument;
    private final boolean max;
    private final int scale;
    private long[] lows = new long[0];
    private long[] highs = new long[0];
    private boolean[] present = new boolean[0];

    DecimalMinMax(int argument, boolean max, int scale) {
      this.argument = argument;
      this.max = max;
      this.scale = scale;
    }

    @Override
    protected void grow(int capacity) {
      lows = Arrays.copyOf(lows, capacity);
      highs = Arrays.copyOf(highs, capacity);
      present = Arrays.copyOf(present, capacity);
    }

    @Override
    public void add(int[] groupIds, Batch batch, int rowCount) {
      FieldVector vector = batch.column(argument);
      long address = CheckedRange.address(vector.getDataBuffer(), (long) rowCount * 16);
      boolean hasNulls = vector.getNullCount() > 0;
      for (int row = 0; row < rowCount; row++) {
        if (!hasNulls || !vector.isNull(row)) {
          long at = address + (long) row * 16;
          accept(groupIds[row], MemoryUtil.getLong(at), MemoryUtil.getLong(at + 8));
        }
      }
    }

    private void accept(int group, long low, long high) {
      if (present[group]) {
        int comparison = high != highs[group] ? Long.compare(high, highs[group])
            : Long.compareUnsigned(low, lows[group]);
        if (max ? comparison <= 0 : comparison >= 0) {
          return;
        }
      }
      lows[group] = low;
      highs[group] = high;
      present[group] = true;
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
      DecimalMinMax partial = (DecimalMinMax) other;
      for (int group = 0; group < otherGroupCount; group++) {
        if (partial.present[group]) {
          accept(groupMapping[group], partial.lows[group], partial.highs[group]);
        }
      }
    }

    @Override
    public void write(FieldVector target, DataType type, int first, int count) {
      for (int i = 0; i < count; i++) {
        int group = first + i;
        if (present[group]) {
          ResultWriter.writeDecimal(target, type, i,
              new BigDecimal(ColumnReaders.toBigInteger(lows[group], highs[group]), scale));
        } else {
          target.setNull(i);
        }
      }
    }
  }

  /** VARCHAR (UTF-8 byte order is code point order) and VARBINARY values. */
  static final class BytesMinMax extends GrowableAccumulator {
    private final int argument;
    private final boolean max;
    private byte[][] values = new byte[0][];

    BytesMinMax(int argument, boolean max) {
      this.argument = argument;
      this.max = max;
    }

    @Override
    protected void grow(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }

    @Override
    public void add(int[] groupIds, Batch batch, int rowCount) {
      FieldVector vector = batch.column(argument);
      ArrowBuf offsets = vector.getOffsetBuffer();
      ArrowBuf data = vector.getDataBuffer();
      boolean hasNulls = vector.getNullCount() > 0;
      for (int row = 0; row < rowCount; row++) {
        if (hasNulls && vector.isNull(row)) {
          continue;
        }
        int group = groupIds[row];
        int start = offsets.getInt((long) row * 4);
        int end = offsets.getInt((long) (row + 1) * 4);
        byte[] current = values[group];
        if (current != null) {
          int comparison = ByteFunctionHelpers.compare(data, start, end, current, 0,
              current.length);
          if (max ? comparison <= 0 : comparison >= 0) {
            continue;
          }
        }
        byte[] value = new byte[end - start];
        data.getBytes(start, value, 0, value.length);
        values[group] = value;
      }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int otherGroupCount) {
      BytesMinMax partial = (BytesMinMax) other;
      for (int group = 0; group < otherGroupCount; group++) {
        byte[] value = partial.values[group];
        if (value == null) {
          continue;
        }
        int target = groupMapping[group];
        byte[] current = values[target];
        if (current == null) {
          values[target] = value;
        } else {
          int comparison = Arrays.compareUnsigned(value, current);
          if (max ? comparison > 0 : comparison < 0) {
            values[target] = value;
          }
        }
      }
    }

    @Override
    public void write(FieldVector target, DataType type, int first, int count) {
      BaseVariableWidthVector strings = (BaseVariableWidthVector) target;
      for (int i = 0; i < count; i++) {
        byte[] value = values[first + i];
        if (value == null) {
          strings.setNull(i);
        } else {
          strings.setSafe(i, value);
        }
      }
    }
  }
}
