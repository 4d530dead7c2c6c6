package dev.salvo.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code EXPLAIN ANALYZE query}: run the query, then answer its plan with per-operator figures. */
public final class SqlExplainAnalyze extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("EXPLAIN ANALYZE", SqlKind.OTHER);

  private final SqlNode query;

  public SqlExplainAnalyze(SqlParserPos pos, SqlNode query) {
    super(pos);
    this.query = query;
  }

  /** The statement to run and explain. */
  public SqlNode query() {
    return query;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXPLAIN ANALYZE");
    query.unparse(writer, 0, 0);
  }
}
