package dev.salvo.sql.planner;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.catalog.TypeConversion;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Binds values to a parsed statement's dynamic parameters by replacing each {@code ?} with a
 * literal, so that the bound statement plans like one written with those constants.
 *
 * <p>A value whose Java type belongs to the parameter's type family (a number for a numeric
 * parameter, a string for a character one) becomes a bare literal, so that its own precision
 * and scale survive: {@code l_discount > ?} with 0.055 compares against 0.055, not against a
 * value rounded to the column's scale. Any other value, and NULL, is cast to the parameter's
 * inferred type, which also turns strings into dates, numbers into strings and so on, with the
 * cast's own error when the value does not convert.
 *
 * <p>Values use the executor's Java representation (see {@link DataType}); Integer, Short,
 * Byte and Float are accepted as well.
 */
public final class ParameterBinder {
  private static final SqlParserPos POSITION = SqlParserPos.ZERO;

  private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(SalvoTypeSystem.INSTANCE);

  /**
   * The statement with every {@code ?} replaced by its value.
   *
   * @param parameterTypes the statement's parameter types, from {@link QueryPlanner#describe}
   * @throws SalvoException PARAMETER_COUNT_MISMATCH when the number of values differs from the
   *     number of parameters; TYPE_MISMATCH for a value of a Java type SQL has no literal for
   */
  public SqlNode bind(SqlNode statement, RowType parameterTypes, List<?> values) {
    if (values.size() != parameterTypes.size()) {
      throw new SalvoException(ErrorCode.PARAMETER_COUNT_MISMATCH, "The statement has "
          + parameterTypes.size() + " parameter(s) but " + values.size() + " value(s) were bound");
    }
    if (values.isEmpty()) {
      return statement;
    }
    return statement.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlDynamicParam parameter) {
        int index = parameter.getIndex();
        return literal(values.get(index), parameterTypes.type(index), index);
      }
    });
  }

  private SqlNode literal(Object value, DataType type, int index) {
    if (value == null) {
      return cast(SqlLiteral.createNull(POSITION), type);
    }
    SqlNode literal = bareLiteral(normalize(value, index));
    return fitsFamily(value, type.kind()) ? literal : cast(literal, type);
  }

  private static Object normalize(Object value, int index) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float number) {
      return number.doubleValue();
    }
    if (value instanceof Long || value instanceof Double || value instanceof BigDecimal
        || value instanceof String || value instanceof Boolean || value instanceof byte[]
        || value instanceof LocalDate || value instanceof LocalTime
        || value instanceof LocalDateTime) {
      return value;
    }
    throw new SalvoException(ErrorCode.TYPE_MISMATCH, "Parameter " + (index + 1)
        + " has a value of type " + value.getClass().getSimpleName()
        + ", which SQL has no literal for");
  }

  private static boolean fitsFamily(Object value, TypeKind kind) {
    if (value instanceof Number) {
      return kind.isNumeric() && !(value instanceof Double && kind == TypeKind.DECIMAL);
    }
    return switch (kind) {
      case VARCHAR -> value instanceof String;
      case BOOLEAN -> value instanceof Boolean;
      case VARBINARY -> value instanceof byte[];
      case DATE -> value instanceof LocalDate;
      case TIME -> value instanceof LocalTime;
      case TIMESTAMP -> value instanceof LocalDateTime;
      default -> false;
    };
  }

  private static SqlNode bareLiteral(Object value) {
    if (value instanceof Long || value instanceof BigDecimal) {
      BigDecimal decimal = value instanceof Long number ? BigDecimal.valueOf(number)
          : (BigDecimal) value;
      return SqlLiteral.createExactNumeric(decimal.toPlainString(), POSITION);
    }
    if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        return SqlStdOperatorTable.CAST.createCall(POSITION,
            SqlLiteral.createCharString(number.toString(), POSITION),
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, POSITION),
                POSITION));
      }
      return SqlLiteral.createApproxNumeric(BigDecimal.valueOf(number).toString(), POSITION);
    }
    if (value instanceof String text) {
      // Latin-1 text keeps the default character set, so comparisons with columns type-check;
      // anything else needs a Unicode literal.
      return StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)
          ? SqlLiteral.createCharString(text, POSITION)
          : SqlLiteral.createCharString(text, "UTF-16LE", POSITION);
    }
    if (value instanceof Boolean bool) {
      return SqlLiteral.createBoolean(bool, POSITION);
    }
    if (value instanceof byte[] bytes) {
      return SqlLiteral.createBinaryString(bytes, POSITION);
    }
    if (value instanceof LocalDate date) {
      return SqlLiteral.createDate(DateString.fromDaysSinceEpoch((int) date.toEpochDay()),
          POSITION);
    }
    if (value instanceof LocalTime time) {
      return SqlLiteral.createTime(new TimeString(time.getHour(), time.getMinute(),
          time.getSecond()).withNanos(time.getNano()), 3, POSITION);
    }
    LocalDateTime timestamp = (LocalDateTime) value;
    return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, new TimestampString(
        timestamp.getYear(), timestamp.getMonthValue(), timestamp.getDayOfMonth(),
        timestamp.getHour(), timestamp.getMinute(), timestamp.getSecond())
        .withNanos(timestamp.getNano()), 6, POSITION);
  }

  private SqlNode cast(SqlNode operand, DataType type) {
    // A bounded VARCHAR target would silently cut longer values: cast to unbounded text.
    DataType target = type.kind() == TypeKind.VARCHAR ? DataType.VARCHAR : type;
    RelDataType relType = TypeConversion.toRelDataType(target, typeFactory);
    return SqlStdOperatorTable.CAST.createCall(POSITION, operand,
        SqlTypeUtil.convertTypeToSpec(relType));
  }
}
