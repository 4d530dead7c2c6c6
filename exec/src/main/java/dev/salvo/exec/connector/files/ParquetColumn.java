package dev.salvo.exec.connector.files;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column of a Parquet file: its name, the Arrow type Arrow's Parquet reader gives it, and
 * the Salvo type it is read as. Most types are read as they come; the rest are converted:
 * unsigned integers widen (UBIGINT to DECIMAL(20, 0)), timestamps of any unit or time zone
 * become microsecond TIMESTAMPs (a zoned one as its UTC time), times become millisecond TIMEs,
 * large and fixed-size strings and binaries become VARCHAR and VARBINARY.
 */
record ParquetColumn(String name, ArrowType fileType, DataType type) {

  /** The column for {@code field} of {@code fileName}, or NOT_SUPPORTED naming both. */
  static ParquetColumn of(String fileName, Field field) {
    DataType type = salvoType(field.getType());
    if (type == null) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "File " + fileName + ", column "
          + field.getName() + ": Parquet column type " + field.getType() + " is not supported");
    }
    return new ParquetColumn(field.getName(), field.getType(),
        type.withNullable(field.isNullable()));
  }

  /** Whether the reader's vectors already have the Salvo type, so they are handed on as is. */
  boolean readAsIs() {
    return type.toArrowType().equals(fileType);
  }

  private static DataType salvoType(ArrowType arrowType) {
    for (TypeKind kind : TypeKind.values()) {
      // Nested columns are refused (their kinds need component fields); DECIMAL comes below.
      if (kind != TypeKind.NULL && kind != TypeKind.DECIMAL && !kind.isNested()
          && DataType.of(kind).toArrowType().equals(arrowType)) {
        return DataType.of(kind);
      }
    }
    if (arrowType instanceof ArrowType.Decimal decimal) {
      return decimal.getBitWidth() == 128 ? DataType.decimal(decimal.getPrecision(),
          decimal.getScale()) : null;
    }
    if (arrowType instanceof ArrowType.Int integer && !integer.getIsSigned()) {
      return switch (integer.getBitWidth()) {
        case 8 -> DataType.SMALLINT;
        case 16 -> DataType.INTEGER;
        case 32 -> DataType.BIGINT;
        default -> DataType.decimal(20, 0);
      };
    }
    if (arrowType instanceof ArrowType.Timestamp) {
      return DataType.TIMESTAMP;
    }
    if (arrowType instanceof ArrowType.Time) {
      return DataType.TIME;
    }
    if (arrowType instanceof ArrowType.Date) {
      return DataType.DATE;
    }
    if (arrowType instanceof ArrowType.LargeUtf8) {
      return DataType.VARCHAR;
    }
    if (arrowType instanceof ArrowType.LargeBinary
        || arrowType instanceof ArrowType.FixedSizeBinary) {
      return DataType.VARBINARY;
    }
    return null;
  }

  /**
   * The column's values as a vector of its Salvo type, allocated from {@code allocator} and
   * owned by the caller; {@code read} (a vector the file reader filled) is left empty.
   */
  FieldVector toSalvo(FieldVector read, BufferAllocator allocator) {
    FieldVector target = type.toField(name).createVector(allocator);
    try {
      if (readAsIs()) {
        read.makeTransferPair(target).transfer();
        return target;
      }
      int rows = read.getValueCount();
      target.setInitialCapacity(rows);
      target.allocateNew();
      for (int row = 0; row < rows; row++) {
        if (read.isNull(row)) {
          target.setNull(row);
        } else {
          copyValue(read, row, target);
        }
      }
      target.setValueCount(rows);
      return target;
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  private void copyValue(FieldVector read, int row, FieldVector target) {
    if (read instanceof UInt8Vector unsigned) {
      ((DecimalVector) target).setSafe(row, new BigDecimal(unsigned.getObjectNoOverflow(row)));
    } else if (read instanceof BaseIntVector unsigned) {
      long value = unsigned.getValueAsLong(row);
      switch (type.kind()) {
        case SMALLINT -> ((SmallIntVector) target).setSafe(row, (short) value);
        case INTEGER -> ((IntVector) target).setSafe(row, (int) value);
        default -> ((BigIntVector) target).setSafe(row, value);
      }
    } else if (read instanceof TimeStampVector timestamps) {
      ((TimeStampMicroVector) target).setSafe(row,
          toMicros(timestamps.get(row), ((ArrowType.Timestamp) fileType).getUnit()));
    } else if (read instanceof DateMilliVector dates) {
      ((DateDayVector) target).setSafe(row,
          (int) Math.floorDiv(dates.get(row), 86_400_000L));
    } else if (type.kind() == TypeKind.TIME) {
      ((TimeMilliVector) target).setSafe(row, timeMillis(read, row));
    } else if (read instanceof LargeVarCharVector strings) {
      ((VarCharVector) target).setSafe(row, strings.get(row));
    } else if (read instanceof LargeVarBinaryVector binaries) {
      ((VarBinaryVector) target).setSafe(row, binaries.get(row));
    } else if (read instanceof FixedSizeBinaryVector binaries) {
      ((VarBinaryVector) target).setSafe(row, binaries.get(row));
    } else {
      throw new IllegalStateException("No conversion from " + read.getField() + " to " + type);
    }
  }

  private static long toMicros(long value, TimeUnit unit) {
    return switch (unit) {
      case SECOND -> Math.multiplyExact(value, 1_000_000L);
      case MILLISECOND -> Math.multiplyExact(value, 1_000L);
      case MICROSECOND -> value;
      // Truncates toward the earlier instant, also before 1970.
      case NANOSECOND -> Math.floorDiv(value, 1_000L);
    };
  }

  private static int timeMillis(FieldVector read, int row) {
    if (read instanceof TimeSecVector seconds) {
      return seconds.get(row) * 1_000;
    } else if (read instanceof TimeMicroVector micros) {
      return (int) (micros.get(row) / 1_000);
    } else if (read instanceof TimeNanoVector nanos) {
      return (int) (nanos.get(row) / 1_000_000);
    }
    throw new IllegalStateException("No conversion from " + read.getField() + " to TIME");
  }
}
