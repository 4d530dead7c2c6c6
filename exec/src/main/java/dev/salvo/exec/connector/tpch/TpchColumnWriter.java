package dev.salvo.exec.connector.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Copies one TPC-H column of generated rows into an Arrow vector through the library's primitive
 * accessors, so no value is boxed on the way.
 */
@FunctionalInterface
interface TpchColumnWriter {
  /** Writes {@code row}'s value at {@code index}, growing the vector when needed. */
  void write(TpchEntity row, int index);

  /** A writer for {@code column} into {@code vector}, whose type must match the column's. */
  static TpchColumnWriter of(TpchColumn<TpchEntity> column, FieldVector vector) {
    return switch (column.getType().getBase()) {
      case IDENTIFIER -> {
        BigIntVector target = (BigIntVector) vector;
        yield (row, index) -> target.setSafe(index, column.getIdentifier(row));
      }
      case INTEGER -> {
        IntVector target = (IntVector) vector;
        yield (row, index) -> target.setSafe(index, column.getInteger(row));
      }
      case DATE -> {
        // The library's dates are already days since 1970-01-01, Arrow's DATE unit.
        DateDayVector target = (DateDayVector) vector;
        yield (row, index) -> target.setSafe(index, column.getDate(row));
      }
      case DOUBLE -> {
        // For these columns the identifier accessor returns the exact value in hundredths,
        // which is the unscaled value of a DECIMAL with scale 2.
        DecimalVector target = (DecimalVector) vector;
        yield (row, index) -> target.setSafe(index, column.getIdentifier(row));
      }
      case VARCHAR -> {
        VarCharVector target = (VarCharVector) vector;
        yield (row, index) ->
            target.setSafe(index, column.getString(row).getBytes(StandardCharsets.UTF_8));
      }
    };
  }
}
