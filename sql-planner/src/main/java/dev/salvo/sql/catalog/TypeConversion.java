package dev.salvo.sql.catalog;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/** Translates between Calcite's types and the executor's {@link DataType}s. */
public final class TypeConversion {
  private TypeConversion() {}

  public static DataType toDataType(RelDataType type) {
    boolean nullable = type.isNullable();
    DataType dataType = switch (type.getSqlTypeName()) {
      case NULL -> DataType.NULL;
      case BOOLEAN -> DataType.BOOLEAN;
      case TINYINT -> DataType.TINYINT;
      case SMALLINT -> DataType.SMALLINT;
      case INTEGER -> DataType.INTEGER;
      case BIGINT -> DataType.BIGINT;
      case REAL -> DataType.REAL;
      case FLOAT, DOUBLE -> DataType.DOUBLE;
      case DECIMAL -> DataType.decimal(type.getPrecision(), type.getScale());
      case CHAR, VARCHAR -> type.getPrecision() > 0 && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
          && type.getPrecision() < Integer.MAX_VALUE ? DataType.varchar(type.getPrecision())
          : DataType.VARCHAR;
      case BINARY, VARBINARY -> DataType.VARBINARY;
      case DATE -> DataType.DATE;
      case TIME -> DataType.TIME;
      case TIMESTAMP -> DataType.TIMESTAMP;
      case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> DataType.INTERVAL_YEAR_MONTH;
      case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND,
          INTERVAL_HOUR, INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE,
          INTERVAL_MINUTE_SECOND, INTERVAL_SECOND -> DataType.INTERVAL_DAY_TIME;
      case ARRAY -> DataType.array(toDataType(type.getComponentType()));
      case ROW -> DataType.row(toRowType(type).columns());
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "Type " + type.getFullTypeString() + " is not supported yet");
    };
    return dataType.withNullable(nullable);
  }

  public static RowType toRowType(RelDataType rowType) {
    List<Column> columns = new ArrayList<>(rowType.getFieldCount());
    for (RelDataTypeField field : rowType.getFieldList()) {
      columns.add(new Column(field.getName(), toDataType(field.getType())));
    }
    return new RowType(columns);
  }

  public static RelDataType toRelDataType(DataType type, RelDataTypeFactory factory) {
    RelDataType relType = switch (type.kind()) {
      case NULL -> factory.createSqlType(SqlTypeName.NULL);
      case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
      case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
      case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case REAL -> factory.createSqlType(SqlTypeName.REAL);
      case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
      case VARCHAR -> type.precision() > 0
          ? factory.createSqlType(SqlTypeName.VARCHAR, type.precision())
          : factory.createSqlType(SqlTypeName.VARCHAR);
      case VARBINARY -> factory.createSqlType(SqlTypeName.VARBINARY);
      case DATE -> factory.createSqlType(SqlTypeName.DATE);
      case TIME -> factory.createSqlType(SqlTypeName.TIME);
      case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
      case INTERVAL_YEAR_MONTH -> factory.createSqlIntervalType(
          new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO));
      case INTERVAL_DAY_TIME -> factory.createSqlIntervalType(
          new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
      case ARRAY -> factory.createArrayType(toRelDataType(type.elementType(), factory), -1);
      case ROW -> factory.createStructType(
          type.fields().stream().map(field -> toRelDataType(field.type(), factory)).toList(),
          type.fields().stream().map(Column::name).toList());
    };
    return factory.createTypeWithNullability(relType, type.nullable());
  }

  /** True when values of this kind can be compared and sorted. */
  public static boolean isComparable(TypeKind kind) {
    return kind != TypeKind.VARBINARY && kind != TypeKind.NULL && !kind.isNested();
  }
}
