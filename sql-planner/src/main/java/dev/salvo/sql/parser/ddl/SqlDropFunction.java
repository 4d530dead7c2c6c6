package dev.salvo.sql.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** A parsed {@code DROP FUNCTION [IF EXISTS] name}. */
public final class SqlDropFunction extends SqlDrop {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP FUNCTION", SqlKind.DROP_FUNCTION);

  private final SqlIdentifier name;

  public SqlDropFunction(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifExists() {
    return ifExists;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(ifExists ? "DROP FUNCTION IF EXISTS" : "DROP FUNCTION");
    name.unparse(writer, 0, 0);
  }
}
