package dev.salvo.sql.planner;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type rules adjusted to what the executor computes: 38-digit decimals (Arrow's 128-bit
 * decimal), sums that widen so they do not overflow, DOUBLE averages of integers, half-up
 * rounding, and CASE/UNION of strings of different
 * lengths typed VARCHAR rather than blank-padded CHAR.
 */
public final class SalvoTypeSystem extends RelDataTypeSystemImpl {
  public static final SalvoTypeSystem INSTANCE = new SalvoTypeSystem();

  private static final int MAX_DECIMAL_PRECISION = 38;

  private SalvoTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    // The mean of integers is rarely an integer: answer DOUBLE, as DuckDB and Trino do, rather
    // than Calcite's truncated integer.
    if (SqlTypeUtil.isExactNumeric(argumentType) && !SqlTypeUtil.isDecimal(argumentType)) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    // Like DuckDB and Trino: integer sums are BIGINT, decimal sums get the widest precision with
    // the argument's scale; a sum of many DECIMAL(15,2) values would otherwise overflow.
    SqlTypeName typeName = argumentType.getSqlTypeName();
    RelDataType sumType;
    switch (typeName) {
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          sumType = typeFactory.createSqlType(SqlTypeName.BIGINT);
      case DECIMAL -> sumType = typeFactory.createSqlType(SqlTypeName.DECIMAL,
          MAX_DECIMAL_PRECISION, argumentType.getScale());
      default -> {
        return super.deriveSumType(typeFactory, argumentType);
      }
    }
    return typeFactory.createTypeWithNullability(sumType, argumentType.isNullable());
  }
}
