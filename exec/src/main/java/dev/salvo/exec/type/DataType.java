package dev.salvo.exec.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A SQL type as the executor sees it: a kind, precision and scale (DECIMAL; max length for
 * VARCHAR, 0 meaning unbounded), nullability and, for the nested kinds, the component fields (one
 * field named {@value #ELEMENT_NAME} for ARRAY, the named fields of a ROW). Maps one to one onto
 * an Arrow type, nested kinds onto Arrow's List and Struct with children.
 *
 * <p>Java values of each kind, used by literals, VALUES rows and result conversion
 * ({@link dev.salvo.exec.batch.VectorValues}): {@code null}, Boolean, Long (every integer kind
 * and both interval kinds: months, or milliseconds), Double (REAL and DOUBLE), BigDecimal with
 * the type's scale (DECIMAL), String, byte[], LocalDate, LocalTime, LocalDateTime, and a
 * {@code java.util.List} for ARRAY (its elements) and ROW (its field values in field order).
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable,
    List<Column> fields) {

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

  /** The name of an ARRAY's element field, Arrow's usual name for a list's child. */
  public static final String ELEMENT_NAME = "item";

  public DataType {
    Objects.requireNonNull(kind, "kind");
    fields = fields == null ? List.of() : List.copyOf(fields);
    if (kind == TypeKind.ARRAY && fields.size() != 1) {
      throw new IllegalArgumentException("An ARRAY type has exactly one element field");
    }
    if (kind == TypeKind.ROW && fields.isEmpty()) {
      throw new IllegalArgumentException("A ROW type has at least one field");
    }
    if (!kind.isNested() && !fields.isEmpty()) {
      throw new IllegalArgumentException(kind + " has no component fields");
    }
    if (kind == TypeKind.DECIMAL
        && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException("Invalid DECIMAL(" + precision + ", " + scale + ")");
    }
  }

  /** A type without component fields (every kind but ARRAY and ROW). */
  public DataType(TypeKind kind, int precision, int scale, boolean nullable) {
    this(kind, precision, scale, nullable, List.of());
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

  /** A nullable ARRAY whose elements have type {@code element}. */
  public static DataType array(DataType element) {
    return new DataType(TypeKind.ARRAY, 0, 0, true, List.of(new Column(ELEMENT_NAME, element)));
  }

  /** A nullable ROW of the given fields. */
  public static DataType row(List<Column> fields) {
    return new DataType(TypeKind.ROW, 0, 0, true, fields);
  }

  /** The type of an ARRAY's elements. */
  public DataType elementType() {
    if (kind != TypeKind.ARRAY) {
      throw new IllegalStateException(kind + " has no element type");
    }
    return fields.get(0).type();
  }

  public DataType withNullable(boolean isNullable) {
    return isNullable == nullable ? this
        : new DataType(kind, precision, scale, isNullable, fields);
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
      case ARRAY -> ArrowType.List.INSTANCE;
      case ROW -> ArrowType.Struct.INSTANCE;
    };
  }

  /** An Arrow field of this type, with a child field per component of a nested type. */
  public Field toField(String name) {
    return toField(name, null);
  }

  /** As {@link #toField(String)}, with field metadata (which nested children do not carry). */
  public Field toField(String name, Map<String, String> metadata) {
    List<Field> children = null;
    if (!fields.isEmpty()) {
      children = new ArrayList<>(fields.size());
      for (Column field : fields) {
        children.add(field.type().toField(field.name()));
      }
    }
    return new Field(name, new FieldType(nullable, toArrowType(), null, metadata), children);
  }

  /**
   * Whether values of both types live in the same Arrow vectors, component types included, so
   * that one vector's values can be copied into the other's without conversion.
   */
  public boolean hasSameVectors(DataType other) {
    if (!toArrowType().equals(other.toArrowType()) || fields.size() != other.fields.size()) {
      return false;
    }
    for (int index = 0; index < fields.size(); index++) {
      if (!fields.get(index).type().hasSameVectors(other.fields.get(index).type())) {
        return false;
      }
    }
    return true;
  }

  /** SQL spelling, as shown to users in result metadata and error messages. */
  public String sqlName() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case VARCHAR -> precision > 0 ? "VARCHAR(" + precision + ")" : "VARCHAR";
      case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
      case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
      case ARRAY -> elementType().sqlName() + " ARRAY";
      case ROW -> fields.stream().map(field -> field.name() + " " + field.type().sqlName())
          .collect(Collectors.joining(", ", "ROW(", ")"));
      default -> kind.name();
    };
  }

  @Override
  public String toString() {
    return nullable ? sqlName() : sqlName() + " NOT NULL";
  }
}
