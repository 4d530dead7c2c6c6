package dev.salvo.sql.planner;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.cast.ValueConversions;
import dev.salvo.exec.type.DataType;
import dev.salvo.sql.catalog.TypeConversion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Converts every string literal a validated query casts (explicitly, or implicitly as in
 * {@code o_orderdate < '1995-03-15'}) the way the executor will, so that a literal that is no
 * value of its target type is reported with its line and column when the query is planned, not
 * by the first row that reaches it, or never when no row does.
 */
final class LiteralCasts {
  private LiteralCasts() {}

  /** @throws SalvoException the conversion's own error, positioned at the literal */
  static void check(SqlValidator validator, SqlNode validated) {
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.CAST
            && call.operand(0) instanceof SqlCharStringLiteral literal) {
          convert(literal, validator.getValidatedNodeTypeIfKnown(call));
        }
        return super.visit(call);
      }
    });
  }

  private static void convert(SqlCharStringLiteral literal, RelDataType target) {
    if (target == null || !canFailFromText(target)) {
      return;
    }
    DataType type = TypeConversion.toDataType(target);
    try {
      ValueConversions.convert(literal.getValueAs(String.class), DataType.VARCHAR, type);
    } catch (SalvoException e) {
      SqlParserPos pos = literal.getParserPosition();
      throw new SalvoException(e.code(), e.getMessage(), pos.getLineNum(), pos.getColumnNum(),
          e);
    }
  }

  /** Targets a string can fail to convert to; text, binary, intervals and nested types are left. */
  private static boolean canFailFromText(RelDataType target) {
    return switch (target.getSqlTypeName()) {
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, DECIMAL, DATE, TIME,
          TIMESTAMP -> true;
      default -> false;
    };
  }
}
