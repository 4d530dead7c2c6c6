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
 * {@code CREATE [OR REPLACE] VIEW name [(column, ...)] AS query}; keeps where the query's text
 * starts and ends so that the view stores the query exactly as the user wrote it.
 */
public final class SqlCreateSalvoView extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

  private final SqlIdentifier name;
  private final @Nullable SqlNodeList columnNames;
  private final SqlNode query;
  private final SqlParserPos queryText;

  /**
   * @param queryText from the query's first token to its last, both included
   */
  public SqlCreateSalvoView(SqlParserPos pos, boolean replace, SqlIdentifier name,
      @Nullable SqlNodeList columnNames, SqlNode query, SqlParserPos queryText) {
    super(OPERATOR, pos, replace, false);
    this.name = name;
    this.columnNames = columnNames;
    this.query = query;
    this.queryText = queryText;
  }

  public SqlIdentifier name() {
    return name;
  }

  public @Nullable SqlNodeList columnNames() {
    return columnNames;
  }

  public SqlNode query() {
    return query;
  }

  public SqlParserPos queryText() {
    return queryText;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(name);
    operands.add(columnNames);
    operands.add(query);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getReplace() ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
    name.unparse(writer, leftPrec, rightPrec);
    if (columnNames != null) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlNode column : columnNames) {
        writer.sep(",");
        column.unparse(writer, 0, 0);
      }
      writer.endList(frame);
    }
    writer.keyword("AS");
    query.unparse(writer, 0, 0);
  }
}
