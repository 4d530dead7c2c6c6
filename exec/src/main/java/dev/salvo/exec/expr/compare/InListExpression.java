package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ColumnExpression;
import dev.salvo.exec.expr.vector.ConstantValues;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.InPlaceSelection;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code value IN (constant, ...)} through a hash set of the constants, each already converted
 * exactly to the value's type (constants that no value of that type can equal are left out).
 * TRUE when found; when not found, NULL if any constant is NULL, else FALSE.
 */
final class InListExpression implements VectorExpression, InPlaceSelection {
  private enum KeyKind { LONG, DOUBLE, DECIMAL_LONG, DECIMAL_EXACT, BYTES }

  private final VectorExpression value;
  private final boolean anyItemNull;
  private final KeyKind keyKind;
  private final LongHashSet longKeys;
  private final Set<BigDecimal> decimalKeys;
  private final BytesHashSet byteKeys;
  private final DataType type;

  /** {@code items} hold the non-null constants, already of the value's type. */
  InListExpression(VectorExpression value, List<Object> items, boolean anyItemNull) {
    this.value = value;
    this.anyItemNull = anyItemNull;
    this.type = DataType.BOOLEAN.withNullable(value.type().nullable() || anyItemNull);
    TypeKind kind = value.type().kind();
    LongHashSet longs = null;
    Set<BigDecimal> decimals = null;
    BytesHashSet bytes = null;
    if (kind == TypeKind.VARCHAR || kind == TypeKind.VARBINARY) {
      keyKind = KeyKind.BYTES;
      bytes = new BytesHashSet(items.stream().map(item -> item instanceof byte[] b ? b
          : item.toString().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new));
    } else if (kind == TypeKind.DOUBLE || kind == TypeKind.REAL) {
      keyKind = KeyKind.DOUBLE;
      longs = new LongHashSet(items.stream()
          .mapToLong(item -> doubleKey(((Number) item).doubleValue())).toArray());
    } else if (kind == TypeKind.DECIMAL) {
      boolean allFit = items.stream()
          .allMatch(item -> ((BigDecimal) item).unscaledValue().bitLength() < 64);
      keyKind = allFit ? KeyKind.DECIMAL_LONG : KeyKind.DECIMAL_EXACT;
      if (allFit) {
        longs = new LongHashSet(items.stream()
            .mapToLong(item -> ((BigDecimal) item).unscaledValue().longValue()).toArray());
      } else {
        decimals = new HashSet<>();
        for (Object item : items) {
          decimals.add((BigDecimal) item);
        }
      }
    } else {
      keyKind = KeyKind.LONG;
      longs = new LongHashSet(items.stream().mapToLong(ConstantValues::toLong).toArray());
    }
    this.longKeys = longs;
    this.decimalKeys = decimals;
    this.byteKeys = bytes;
  }

  /** One bit pattern per number: -0.0 and 0.0 are equal in SQL. */
  private static long doubleKey(double value) {
    return Double.doubleToLongBits(value == 0 ? 0.0 : value);
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    try (Operand operand = Operand.materialized(value, input, allocator)) {
      return test(operand.vector(), null, input.rowCount(), allocator);
    }
  }

  /** A column's chosen rows, looked up where they lie. */
  @Override
  public FieldVector evaluateSelected(Batch input, int[] rows, int count,
      BufferAllocator allocator) {
    if (!(value instanceof ColumnExpression column)) {
      return null;
    }
    return test(input.column(column.index()), rows, count, allocator);
  }

  /**
   * Looks up values {@code rows[0..count)} of {@code vector} (the first {@code count} when
   * {@code rows} is null), one output row for each.
   */
  private FieldVector test(FieldVector vector, int[] rows, int count,
      BufferAllocator allocator) {
    FieldVector output = Vectors.allocate(DataType.BOOLEAN, count, allocator);
    try {
      int valueCount = rows == null ? count : vector.getValueCount();
      ArrowBuf validity = output.getValidityBuffer();
      ArrowBuf values = output.getDataBuffer();
      boolean hasNulls = vector.getNullCount() > 0;
      boolean allValid = !hasNulls && !anyItemNull;
      if (allValid) {
        Vectors.setAll(validity, count);
      }
      ArrowBuf data = vector.getDataBuffer();
      long capacity = data.capacity();
      // An empty vector may have no offsets at all.
      boolean bytes = keyKind == KeyKind.BYTES && valueCount > 0;
      long dataAddress = bytes ? CheckedRange.address(data, capacity) : 0;
      long offsets = bytes
          ? CheckedRange.address(vector.getOffsetBuffer(), (valueCount + 1L) << 2) : 0;
      int width = keyKind == KeyKind.LONG ? Vectors.longWidth(value.type().kind())
          : Vectors.doubleWidth(value.type().kind());
      int scale = value.type().scale();
      long valuesAddress = CheckedRange.address(values, Vectors.bitBytes(count));
      long validityAddress = CheckedRange.address(validity, Vectors.bitBytes(count));
      // Results go in 64 at a time: a checked read and write of the output per row cost more
      // than a short string's lookup.
      for (int first = 0; first < count; first += 64) {
        int end = Math.min(first + 64, count);
        long foundBits = 0;
        long validBits = 0;
        for (int j = first; j < end; j++) {
          int i = rows == null ? j : Objects.checkIndex(rows[j], valueCount);
          if (hasNulls && vector.isNull(i)) {
            continue;
          }
          // Without a branch on the answer, which no predictor guesses when a quarter of the
          // rows are found.
          long bit = 1L << (j - first);
          long hit = contains(data, width, scale, offsets, dataAddress, capacity, i) ? bit : 0;
          foundBits |= hit;
          validBits |= anyItemNull ? hit : bit;
        }
        Vectors.putBits(valuesAddress, first, end, foundBits);
        if (!allValid) {
          Vectors.putBits(validityAddress, first, end, validBits);
        }
      }
      output.setValueCount(count);
      return output;
    } catch (RuntimeException | Error e) {
      output.close();
      throw e;
    }
  }

  /** Whether value {@code i} is one of the items. */
  private boolean contains(ArrowBuf data, int width, int scale, long offsets, long dataAddress,
      long capacity, int i) {
    return switch (keyKind) {
      case LONG -> longKeys.contains(Vectors.readLong(data, width, i));
      case DOUBLE -> longKeys.contains(doubleKey(Vectors.readDouble(data, width, i)));
      case DECIMAL_LONG -> {
        long unscaled = Decimals.readLow(data, i);
        yield Decimals.fitsInLong(data, i, unscaled) && longKeys.contains(unscaled);
      }
      case DECIMAL_EXACT -> decimalKeys.contains(Decimals.read(data, i, scale));
      case BYTES -> {
        int length = CheckedRange.valueLength(offsets, i, capacity);
        int start = MemoryUtil.getInt(offsets + ((long) i << 2));
        yield byteKeys.contains(dataAddress + start, length, capacity - start);
      }
    };
  }

  @Override
  public DataType type() {
    return type;
  }
}
