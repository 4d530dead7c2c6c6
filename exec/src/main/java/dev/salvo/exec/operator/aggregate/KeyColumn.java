package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * The stored values of one group-key column of a {@link GroupByHash}, plus the currently loaded
 * input column they are compared with. NULL is a value of its own here: NULL keys group
 * together, as GROUP BY requires. Hash joins reuse it to store their build keys: a join ignores
 * rows with NULL keys itself wherever SQL equality applies.
 */
public abstract class KeyColumn {
  static final long NULL_HASH = 0x5bd1e9955bd1e995L;

  protected boolean[] storedNulls = new boolean[16];
  protected int size;
  protected FieldVector loaded;
  protected boolean loadedHasNulls;

  public static KeyColumn create(DataType type) {
    return switch (type.kind()) {
      case NULL -> new NullKeyColumn();
      case REAL, DOUBLE -> new FloatingKeyColumn();
      case DECIMAL -> new DecimalKeyColumn();
      case VARCHAR, VARBINARY -> new BytesKeyColumn();
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP,
          INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME -> new LongKeyColumn();
      case ARRAY, ROW -> throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Grouping, DISTINCT,"
          + " set operations and joins by a value of type " + type.sqlName()
          + " are not supported");
    };
  }

  /** Makes {@code vector}'s first {@code rowCount} rows the input of the next calls. */
  public void load(FieldVector vector, int rowCount) {
    loaded = vector;
    loadedHasNulls = vector.getNullCount() > 0;
    loadValues(vector, rowCount);
  }

  protected abstract void loadValues(FieldVector vector, int rowCount);

  public final boolean isNullRow(int row) {
    return loadedHasNulls && loaded.isNull(row);
  }

  /**
   * One word per loaded row that tells keys apart exactly, such that a row's key equals the
   * key of a group whose {@link #storedWord} is the row's word; null when this batch's keys do
   * not all fit one (NULLs, long strings, other types). Valid until the next load.
   */
  long[] loadedWords() {
    return null;
  }

  /**
   * The loaded rows' values of an integer-like column (meaningless at NULL rows), valid until
   * the next load; null for columns of other types.
   */
  public long[] loadedLongs() {
    return null;
  }

  /**
   * The word of stored group {@code group}'s key as {@link #loadedWords} would give it, or one
   * no loaded word equals when the key has none; not meaningful for a NULL key.
   */
  long storedWord(int group) {
    return 0;
  }

  /** Whether stored group {@code group}'s key is NULL. */
  final boolean isStoredNull(int group) {
    return storedNulls[group];
  }

  /** Mixes each loaded row's key hash into {@code hashes}. */
  public abstract void hash(long[] hashes, int rowCount);

  /** Whether the loaded row's key equals the key of {@code group}. */
  public abstract boolean matches(int group, int row);

  /**
   * Reads the stored key of {@code group} and returns some of its bits: a probe that reads the
   * keys of many groups ahead of comparing them lets their cache misses overlap.
   */
  public long touch(int group) {
    return 0;
  }

  /**
   * A new column sharing this one's stored keys (which must no longer change) with its own
   * loaded input, so that several threads can probe the same stored keys at once.
   */
  public abstract KeyColumn sharingStoredKeys();

  protected final <T extends KeyColumn> T share(T copy) {
    copy.storedNulls = storedNulls;
    copy.size = size;
    return copy;
  }

  /** Stores the loaded row's key as the key of the next group. */
  public final void append(int row) {
    if (size == storedNulls.length) {
      storedNulls = Arrays.copyOf(storedNulls, size * 2);
      grow(size * 2);
    }
    boolean isNull = isNullRow(row);
    storedNulls[size] = isNull;
    appendValue(row, isNull);
    size++;
  }

  protected abstract void grow(int capacity);

  protected abstract void appendValue(int row, boolean isNull);

  /** Writes the keys of groups {@code [first, first + count)} into rows 0.. of {@code target}. */
  final void write(FieldVector target, int first, int count) {
    for (int i = 0; i < count; i++) {
      if (storedNulls[first + i]) {
        target.setNull(i);
      } else {
        writeValue(target, i, first + i);
      }
    }
  }

  protected abstract void writeValue(FieldVector target, int index, int group);

  static long mix(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }

  /** Integer-like keys (integers, BOOLEAN, dates, times, timestamps, intervals) as longs. */
  static final class LongKeyColumn extends KeyColumn {
    @Override
    public KeyColumn sharingStoredKeys() {
      LongKeyColumn copy = share(new LongKeyColumn());
      copy.values = values;
      return copy;
    }

    private long[] values = new long[16];
    private long[] input;

    @Override
    protected void loadValues(FieldVector vector, int rowCount) {
      input = ColumnReaders.readLongs(vector, rowCount, input);
    }

    @Override
    long[] loadedWords() {
      return loadedHasNulls ? null : input;
    }

    @Override
    public long[] loadedLongs() {
      return input;
    }

    @Override
    long storedWord(int group) {
      return values[group];
    }

    @Override
    public void hash(long[] hashes, int rowCount) {
      for (int row = 0; row < rowCount; row++) {
        hashes[row] = hashes[row] * 31 + (isNullRow(row) ? NULL_HASH : mix(input[row]));
      }
    }

    @Override
    public boolean matches(int group, int row) {
      boolean isNull = isNullRow(row);
      return storedNulls[group] ? isNull : !isNull && values[group] == input[row];
    }

    @Override
    public long touch(int group) {
      return values[group];
    }

    @Override
    protected void grow(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }

    @Override
    protected void appendValue(int row, boolean isNull) {
      values[size] = isNull ? 0 : input[row];
    }

    @Override
    protected void writeValue(FieldVector target, int index, int group) {
      ColumnReaders.writeLong(target, index, values[group]);
    }
  }

  /** REAL and DOUBLE keys, compared by value: -0.0 equals 0.0 and every NaN is one key. */
  static final class FloatingKeyColumn extends KeyColumn {
    @Override
    public KeyColumn sharingStoredKeys() {
      FloatingKeyColumn copy = share(new FloatingKeyColumn());
      copy.values = values;
      return copy;
    }

    private long[] values = new long[16];
    private double[] doubles;
    private long[] input;

    @Override
    protected void loadValues(FieldVector vector, int rowCount) {
      doubles = ColumnReaders.readDoubles(vector, rowCount, doubles);
      input = ColumnReaders.ensure(input, rowCount);
      for (int row = 0; row < rowCount; row++) {
        double value = doubles[row];
        input[row] = value == 0.0 ? 0L : Double.doubleToLongBits(value);
      }
    }

    @Override
    public void hash(long[] hashes, int rowCount) {
      for (int row = 0; row < rowCount; row++) {
        hashes[row] = hashes[row] * 31 + (isNullRow(row) ? NULL_HASH : mix(input[row]));
      }
    }

    @Override
    public boolean matches(int group, int row) {
      boolean isNull = isNullRow(row);
      return storedNulls[group] ? isNull : !isNull && values[group] == input[row];
    }

    @Override
    public long touch(int group) {
      return values[group];
    }

    @Override
    protected void grow(int capacity) {
      values = Arrays.copyOf(values, capacity);
    }

    @Override
    protected void appendValue(int row, boolean isNull) {
      values[size] = isNull ? 0 : input[row];
    }

    @Override
    protected void writeValue(FieldVector target, int index, int group) {
      double value = Double.longBitsToDouble(values[group]);
      if (target instanceof Float4Vector real) {
        real.setSafe(index, (float) value);
      } else {
        ((Float8Vector) target).setSafe(index, value);
      }
    }
  }

  /** DECIMAL keys as 128-bit unscaled values (one column has one scale). */
  static final class DecimalKeyColumn extends KeyColumn {
    @Override
    public KeyColumn sharingStoredKeys() {
      DecimalKeyColumn copy = share(new DecimalKeyColumn());
      copy.lows = lows;
      copy.highs = highs;
      return copy;
    }

    private long[] lows = new long[16];
    private long[] highs = new long[16];
    /** The loaded values' address, checked to hold the loaded rows. */
    private long data;

    @Override
    protected void loadValues(FieldVector vector, int rowCount) {
      data = CheckedRange.address(vector.getDataBuffer(), (long) rowCount * 16);
    }

    private long low(int row) {
      return MemoryUtil.getLong(data + (long) row * 16);
    }

    private long high(int row) {
      return MemoryUtil.getLong(data + (long) row * 16 + 8);
    }

    @Override
    public void hash(long[] hashes, int rowCount) {
      for (int row = 0; row < rowCount; row++) {
        hashes[row] = hashes[row] * 31
            + (isNullRow(row) ? NULL_HASH : mix(low(row) * 31 + high(row)));
      }
    }

    @Override
    public boolean matches(int group, int row) {
      boolean isNull = isNullRow(row);
      return storedNulls[group] ? isNull
          : !isNull && lows[group] == low(row) && highs[group] == high(row);
    }

    @Override
    public long touch(int group) {
      return lows[group];
    }

    @Override
    protected void grow(int capacity) {
      lows = Arrays.copyOf(lows, capacity);
      highs = Arrays.copyOf(highs, capacity);
    }

    @Override
    protected void appendValue(int row, boolean isNull) {
      lows[size] = isNull ? 0 : low(row);
      highs[size] = isNull ? 0 : high(row);
    }

    @Override
    protected void writeValue(FieldVector target, int index, int group) {
      DecimalVector decimal = (DecimalVector) target;
      decimal.setSafe(index, new java.math.BigDecimal(
          ColumnReaders.toBigInteger(lows[group], highs[group]), decimal.getScale()));
    }
  }

  /**
   * VARCHAR and VARBINARY keys, stored back to back in one byte array. The first eight bytes
   * of every value are also kept packed in a long, so short keys (codes, flags) hash and compare
   * without touching the bytes one by one.
   */
  static final class BytesKeyColumn extends KeyColumn {
    @Override
    public KeyColumn sharingStoredKeys() {
      BytesKeyColumn copy = share(new BytesKeyColumn());
      copy.bytes = bytes;
      copy.starts = starts;
      copy.prefixes = prefixes;
      return copy;
    }

    private byte[] bytes = new byte[256];
    private int[] starts = new int[17];
    private long[] prefixes = new long[16];
    private ArrowBuf data;
    private ArrowBuf offsets;
    private int rowCount;
    /** Whether {@link #inputStarts}, lengths and prefixes hold the loaded rows yet. */
    private boolean detailsLoaded;
    private int[] inputStarts = new int[0];
    private int[] inputLengths = new int[0];
    private long[] inputPrefixes = new long[0];
    /** Each loaded value of up to 7 bytes as its bytes with its length in the top byte. */
    private long[] inputWords = new long[0];

    // Loading only notes the vector: a batch grouped by words needs nothing else, and reading
    // each row's start, length and prefix as well cost Q1 as much as its grouping.
    @Override
    protected void loadValues(FieldVector vector, int rowCount) {
      offsets = vector.getOffsetBuffer();
      data = vector.getDataBuffer();
      this.rowCount = rowCount;
      detailsLoaded = false;
      if (inputStarts.length < rowCount) {
        int size = Math.max(rowCount, 64);
        inputStarts = new int[size];
        inputLengths = new int[size];
        inputPrefixes = new long[size];
        inputWords = new long[size];
      }
    }

    @Override
    long[] loadedWords() {
      if (loadedHasNulls) {
        return null;
      }
      if (rowCount == 0) {
        return inputWords;
      }
      long offsetAddress = CheckedRange.address(offsets, (rowCount + 1L) * 4);
      long capacity = data.capacity();
      long dataAddress = CheckedRange.address(data, capacity);
      int end = MemoryUtil.getInt(offsetAddress);
      int lengths = 0;
      int row = 0;
      // While a whole word can be read at each start (starts only grow), no byte-wise reads and
      // no branch on the length: a length over 7 is noticed once, after the loop.
      for (; row < rowCount && end <= capacity - 8; row++) {
        int start = end;
        end = checkedEnd(offsetAddress, row, start, capacity);
        int length = end - start;
        lengths |= length;
        long bytes = MemoryUtil.getLong(dataAddress + start) & ((1L << (length << 3)) - 1);
        inputWords[row] = bytes | (long) length << 56;
      }
      for (; row < rowCount; row++) {
        int start = end;
        end = checkedEnd(offsetAddress, row, start, capacity);
        int length = end - start;
        lengths |= length;
        inputWords[row] = Vectors.prefixWord(dataAddress, start, Math.min(length, 7), capacity)
            | (long) length << 56;
      }
      return lengths > 7 ? null : inputWords;
    }

    /** Where value {@code row}, starting at {@code start}, ends: checked to lie in the data. */
    private static int checkedEnd(long offsetAddress, int row, int start, long capacity) {
      int end = MemoryUtil.getInt(offsetAddress + (row + 1) * 4L);
      if (start < 0 || end < start || end > capacity) {
        CheckedRange.valueLength(offsetAddress, row, capacity); // throws
      }
      return end;
    }

    /** Reads each loaded row's start, length and first eight bytes, once per batch. */
    private void loadDetails() {
      detailsLoaded = true;
      if (rowCount == 0) {
        return;
      }
      long offsetAddress = CheckedRange.address(offsets, (rowCount + 1L) * 4);
      long capacity = data.capacity();
      long dataAddress = CheckedRange.address(data, capacity);
      // Each value ends where the next starts: one offset read per row, checked once.
      int end = MemoryUtil.getInt(offsetAddress);
      for (int row = 0; row < rowCount; row++) {
        int start = end;
        end = checkedEnd(offsetAddress, row, start, capacity);
        int length = end - start;
        inputStarts[row] = start;
        inputLengths[row] = length;
        inputPrefixes[row] = Vectors.prefixWord(dataAddress, start, length, capacity);
      }
    }

    @Override
    long storedWord(int group) {
      int length = starts[group + 1] - starts[group];
      // A loaded word's top byte is a length of at most 7: -1 matches none.
      return length <= 7 ? prefixes[group] | (long) length << 56 : -1L;
    }

    @Override
    public void hash(long[] hashes, int rowCount) {
      if (!detailsLoaded) {
        loadDetails();
      }
      for (int row = 0; row < rowCount; row++) {
        long hash;
        if (isNullRow(row)) {
          hash = NULL_HASH;
        } else if (inputLengths[row] <= 8) {
          hash = mix(inputPrefixes[row] * 31 + inputLengths[row]);
        } else {
          hash = mix(ByteFunctionHelpers.hash(data, inputStarts[row],
              inputStarts[row] + inputLengths[row]) * 31L + inputPrefixes[row]);
        }
        hashes[row] = hashes[row] * 31 + hash;
      }
    }

    @Override
    public boolean matches(int group, int row) {
      boolean isNull = isNullRow(row);
      if (storedNulls[group] || isNull) {
        return storedNulls[group] && isNull;
      }
      if (!detailsLoaded) {
        loadDetails();
      }
      int length = inputLengths[row];
      int storedStart = starts[group];
      if (length != starts[group + 1] - storedStart || prefixes[group] != inputPrefixes[row]) {
        return false;
      }
      if (length <= 8) {
        return true;
      }
      int start = inputStarts[row];
      return ByteFunctionHelpers.compare(data, start + 8, start + length, bytes, storedStart + 8,
          storedStart + length) == 0;
    }

    @Override
    public long touch(int group) {
      return prefixes[group];
    }

    @Override
    protected void grow(int capacity) {
      starts = Arrays.copyOf(starts, capacity + 1);
      prefixes = Arrays.copyOf(prefixes, capacity);
    }

    @Override
    protected void appendValue(int row, boolean isNull) {
      if (!detailsLoaded) {
        loadDetails();
      }
      int position = starts[size];
      int length = isNull ? 0 : inputLengths[row];
      if (position + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + length));
      }
      if (length > 0) {
        data.getBytes(inputStarts[row], bytes, position, length);
      }
      prefixes[size] = isNull ? 0 : inputPrefixes[row];
      starts[size + 1] = position + length;
    }

    @Override
    protected void writeValue(FieldVector target, int index, int group) {
      ((BaseVariableWidthVector) target).setSafe(index, bytes, starts[group],
          starts[group + 1] - starts[group]);
    }
  }

  /** Keys of the NULL type: every row is the one NULL key. */
  static final class NullKeyColumn extends KeyColumn {
    @Override
    public KeyColumn sharingStoredKeys() {
      return share(new NullKeyColumn());
    }

    @Override
    protected void loadValues(FieldVector vector, int rowCount) {
      loadedHasNulls = false;
    }

    @Override
    public void hash(long[] hashes, int rowCount) {
      for (int row = 0; row < rowCount; row++) {
        hashes[row] = hashes[row] * 31 + NULL_HASH;
      }
    }

    @Override
    public boolean matches(int group, int row) {
      return true;
    }

    @Override
    protected void grow(int capacity) {}

    @Override
    protected void appendValue(int row, boolean isNull) {}

    @Override
    protected void writeValue(FieldVector target, int index, int group) {}
  }
}
