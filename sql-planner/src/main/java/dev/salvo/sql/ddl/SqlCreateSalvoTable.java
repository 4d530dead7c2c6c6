package dev.salvo.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (column type [NOT NULL], ...)} or
 * {@code CREATE TABLE [IF NOT EXISTS] name [(column, ...)] AS query}.
 */
public final class SqlCreateSalvoTable extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final @Nullable SqlNodeList columns;
  private final @Nullable SqlNode query;

  /**
   * @param columns {@link SqlColumnDeclaration}s, or with a query only names (may be null)
   * @param query the AS query, or null for a table declared column by column
   */
  public SqlCreateSalvoTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
      @Nullable SqlNodeList columns, @Nullable SqlNode query) {
    super(OPERATOR, pos, false, ifNotExists);
    this.name = name;
    this.columns = columns;
    this.query = query;
  }

  public SqlIdentifier name() {
    return name;
  }

  public @Nullable SqlNodeList columns() {
    return columns;
  }

  public @Nullable SqlNode query() {
    return query;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(name);
    operands.add(columns);
    operands.add(query);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (columns != null) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlNode column : columns) {
        writer.sep(",");
        column.unparse(writer, 0, 0);
      }
      writer.endList(frame);
    }
    if (query != null) {
      writer.keyword("AS");
      query.unparse(writer, 0, 0);
    }
  }
}
