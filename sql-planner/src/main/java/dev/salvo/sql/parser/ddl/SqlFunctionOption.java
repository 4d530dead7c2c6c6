package dev.salvo.sql.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** One {@code key = value} of {@code CREATE FUNCTION ... WITH (...)}. */
public final class SqlFunctionOption extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("FUNCTION OPTION", SqlKind.OTHER);

  private final SqlIdentifier key;
  private final SqlNode value;

  public SqlFunctionOption(SqlParserPos pos, SqlIdentifier key, SqlNode value) {
    super(pos);
    this.key = key;
    this.value = value;
  }

  public String key() {
    return key.getSimple();
  }

  /** The value as text: a string literal's content, a number or word as written. */
  public String valueText() {
    if (value instanceof SqlCharStringLiteral string) {
      return string.getValueAs(String.class);
    }
    if (value instanceof SqlLiteral literal) {
      return literal.toValue();
    }
    return ((SqlIdentifier) value).getSimple();
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(key, value);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    key.unparse(writer, 0, 0);
    writer.keyword("=");
    value.unparse(writer, 0, 0);
  }
}
