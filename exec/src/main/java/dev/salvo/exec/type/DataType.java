package dev.salvo.exec.type;

import java.util.Objects;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A SQL type as the executor sees it: a kind, precision and scale (DECIMAL; max length for
 * VARCHAR, 0 meaning unbounded) and nullability. Maps one to one onto an Arrow type.
 *
 * <p>Java values of each kind, used by literals, VALUES rows and result conversion
 * ({@link dev.salvo.exec.batch.VectorValues}): {@code null}, Boolean, Long (every integer kind
 * and both interval kinds: months, or milliseconds), Double (REAL and DOUBLE), BigDecimal with
 * the type's scale (DECIMAL), String, byte[], LocalDate, LocalTime, LocalDateTime.
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable) {

  public static final DataType NULL = new DataType(TypeKind.NULL, 0, 0, true);
  public static final DataType BOOLEAN = of(TypeKind.BOOLEAN);
  public static final DataType TINYINT = of(TypeKind.TINYINT);
  public static final DataType SMALLINT = of(TypeKind.SMALLINT);
  public static final DataType INTEGER = of(TypeKind.INTEGER);
  public static final DataType BIGINT = of(TypeKind.BIGINT);
  public static final DataType REAL = of(TypeKind.REAL);
  public static final DataType DOUBLE = of(TypeKind.DOUBLE);
  public static final DataType VARCHAR = of(TypeKind.VARCHAR);
  public static final DataType VARBINARY = of(TypeKind.VARBINARY);
  public static final DataType DATE = of(TypeKind.DATE);
  public static final DataType TIME = of(TypeKind.TIME);
  public static final DataType TIMESTAMP = of(TypeKind.TIMESTAMP);
  public static final DataType INTERVAL_YEAR_MONTH = of(TypeKind.INTERVAL_YEAR_MONTH);
  public static final DataType INTERVAL_DAY_TIME = of(TypeKind.INTERVAL_DAY_TIME);

  /** Largest DECIMAL precision the executor supports (Arrow's 128-bit decimal). */
  public static final int MAX_DECIMAL_PRECISION = 38;

  public DataType {
    Objects.requireNonNull(kind, "kind");
    if (kind == TypeKind.DECIMAL
        && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException("Invalid DECIMAL(" + precision + ", " + scale + ")");
    }
  }

  /** A nullable type of the given kind without precision or scale. */
  public static DataType of(TypeKind kind) {
    return new DataType(kind, 0, 0, true);
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(TypeKind.DECIMAL, precision, scale, true);
  }

  public static DataType varchar(int maxLength) {
    return new DataType(TypeKind.VARCHAR, maxLength, 0, true);
  }

  public DataType withNullable(boolean isNullable) {
    return isNullable == nullable ? this : new DataType(kind, precision, scale, isNullable);
  }

  public ArrowType toArrowType() {
    return switch (kind) {
      case NULL -> ArrowType.Null.INSTANCE;
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case TINYINT -> new ArrowType.Int(8, true);
      case SMALLINT -> new ArrowType.Int(16, true);
      case INTEGER -> new ArrowType.Int(32, true);
      case BIGINT -> new ArrowType.Int(64, true);
      case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(precision, scale, 128);
      case VARCHAR -> ArrowType.Utf8.INSTANCE;
      case VARBINARY -> ArrowType.Binary.INSTANCE;
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case INTERVAL_YEAR_MONTH -> new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
      case INTERVAL_DAY_TIME -> new ArrowType.Duration(TimeUnit.MILLISECOND);
    };
  }

  public Field toField(String name) {
    return new Field(name, new FieldType(nullable, toArrowType(), null), null);
  }

  /** SQL spelling, as shown to users in result metadata and error messages. */
  public String sqlName() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case VARCHAR -> precision > 0 ? "VARCHAR(" + precision + ")" : "VARCHAR";
      case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
      case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
      default -> kind.name();
    };
  }

  @Override
  public String toString() {
    return nullable ? sqlName() : sqlName() + " NOT NULL";
  }
}
