package dev.salvo.sql.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** A parsed {@code DESCRIBE FUNCTION name}. */
public final class SqlDescribeFunction extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DESCRIBE FUNCTION", SqlKind.OTHER);

  private final SqlIdentifier name;

  public SqlDescribeFunction(SqlParserPos pos, SqlIdentifier name) {
    super(pos);
    this.name = name;
  }

  public SqlIdentifier name() {
    return name;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DESCRIBE FUNCTION");
    name.unparse(writer, 0, 0);
  }
}
