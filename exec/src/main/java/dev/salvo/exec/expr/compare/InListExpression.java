package dev.salvo.exec.expr.compare;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantValues;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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
final class InListExpression implements VectorExpression {
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
    int rowCount = input.rowCount();
    try (Operand operand = Operand.materialized(value, input, allocator)) {
      FieldVector output = Vectors.allocate(DataType.BOOLEAN, rowCount, allocator);
      try {
        FieldVector vector = operand.vector();
        ArrowBuf validity = output.getValidityBuffer();
        ArrowBuf values = output.getDataBuffer();
        Vectors.intersectValidity(validity, rowCount, vector);
        ArrowBuf data = vector.getDataBuffer();
        long capacity = data.capacity();
        // An empty vector may have no offsets at all.
        boolean bytes = keyKind == KeyKind.BYTES && rowCount > 0;
        long dataAddress = bytes ? CheckedRange.address(data, capacity) : 0;
        long offsets = bytes
            ? CheckedRange.address(vector.getOffsetBuffer(), (rowCount + 1L) << 2) : 0;
        int width = keyKind == KeyKind.LONG ? Vectors.longWidth(value.type().kind())
            : Vectors.doubleWidth(value.type().kind());
        int scale = value.type().scale();
        for (int i = 0; i < rowCount; i++) {
          if (!Vectors.isSet(validity, i)) {
            continue;
          }
          boolean found = switch (keyKind) {
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
          if (found) {
            Vectors.setBit(values, i);
          } else if (anyItemNull) {
            validity.setByte(i >>> 3, validity.getByte(i >>> 3) & ~(1 << (i & 7)));
          }
        }
        output.setValueCount(rowCount);
        return output;
      } catch (RuntimeException | Error e) {
        output.close();
        throw e;
      }
    }
  }

  @Override
  public DataType type() {
    return type;
  }
}
