package dev.salvo.udf.catalog;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Infers a SQL type from a UDF's Java signature when {@code CREATE FUNCTION} gives no RETURNS,
 * and tells which Java classes can carry a value of a SQL type.
 */
public final class JavaTypeInference {
  /** Without a declared RETURNS, a BigDecimal result keeps up to 10 fractional digits. */
  public static final DataType INFERRED_DECIMAL = DataType.decimal(38, 10);

  private static final Map<Class<?>, DataType> TYPES = Map.ofEntries(
      Map.entry(boolean.class, DataType.BOOLEAN), Map.entry(Boolean.class, DataType.BOOLEAN),
      Map.entry(byte.class, DataType.TINYINT), Map.entry(Byte.class, DataType.TINYINT),
      Map.entry(short.class, DataType.SMALLINT), Map.entry(Short.class, DataType.SMALLINT),
      Map.entry(int.class, DataType.INTEGER), Map.entry(Integer.class, DataType.INTEGER),
      Map.entry(long.class, DataType.BIGINT), Map.entry(Long.class, DataType.BIGINT),
      Map.entry(float.class, DataType.REAL), Map.entry(Float.class, DataType.REAL),
      Map.entry(double.class, DataType.DOUBLE), Map.entry(Double.class, DataType.DOUBLE),
      Map.entry(BigDecimal.class, INFERRED_DECIMAL),
      Map.entry(String.class, DataType.VARCHAR),
      Map.entry(byte[].class, DataType.VARBINARY),
      Map.entry(LocalDate.class, DataType.DATE),
      Map.entry(LocalTime.class, DataType.TIME),
      Map.entry(LocalDateTime.class, DataType.TIMESTAMP),
      Map.entry(Period.class, DataType.INTERVAL_YEAR_MONTH),
      Map.entry(Duration.class, DataType.INTERVAL_DAY_TIME));

  private JavaTypeInference() {}

  /** The SQL type of a plain Java class, if it maps onto one. */
  public static Optional<DataType> dataTypeOf(Class<?> javaClass) {
    return Optional.ofNullable(TYPES.get(javaClass));
  }

  /**
   * The SQL type a method's generic return type yields: the value type itself, or for an async
   * method ({@code CompletableFuture<T>}) its {@code T}.
   *
   * @throws SalvoException INVALID_FUNCTION_DEFINITION when no SQL type fits
   */
  public static DataType inferReturnType(Type genericReturnType, String functionName) {
    Type valueType = genericReturnType;
    if (valueType instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw
        && CompletionStage.class.isAssignableFrom(raw)) {
      valueType = parameterized.getActualTypeArguments()[0];
    }
    if (valueType instanceof Class<?> javaClass) {
      Optional<DataType> type = dataTypeOf(javaClass);
      if (type.isPresent()) {
        return type.get();
      }
    }
    throw new SalvoException(ErrorCode.INVALID_FUNCTION_DEFINITION, "Cannot infer the SQL type of "
        + functionName + "'s Java return type " + genericReturnType.getTypeName()
        + "; declare it with RETURNS");
  }

  /** Whether a Java parameter of class {@code javaClass} can receive values of {@code type}. */
  public static boolean accepts(Class<?> javaClass, DataType type) {
    if (javaClass == Object.class) {
      return true;
    }
    DataType natural = TYPES.get(javaClass);
    if (natural == null) {
      return false;
    }
    if (natural.kind() == type.kind()) {
      return true;
    }
    // A wider Java number takes a narrower SQL integer: a long parameter reads an INTEGER column.
    return type.kind().isInteger() && natural.kind().isInteger()
        && rank(natural.kind()) >= rank(type.kind())
        || type.kind() == TypeKind.REAL && natural.kind() == TypeKind.DOUBLE;
  }

  private static int rank(TypeKind kind) {
    return switch (kind) {
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER -> 3;
      default -> 4;
    };
  }
}
