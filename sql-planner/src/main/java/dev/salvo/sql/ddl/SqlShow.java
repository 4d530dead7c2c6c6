package dev.salvo.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code SHOW SCHEMAS}, {@code SHOW TABLES [FROM schema]}, {@code SHOW COLUMNS FROM table}. */
public final class SqlShow extends SqlCall {
  /** What a SHOW statement lists. */
  public enum Subject { SCHEMAS, TABLES, COLUMNS }

  private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

  private final Subject subject;
  private final @Nullable SqlIdentifier from;

  public SqlShow(SqlParserPos pos, Subject subject, @Nullable SqlIdentifier from) {
    super(pos);
    this.subject = subject;
    this.from = from;
  }

  public Subject subject() {
    return subject;
  }

  /** The schema (TABLES) or table (COLUMNS) named after FROM or IN, if any. */
  public @Nullable SqlIdentifier from() {
    return from;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(from);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW " + subject.name());
    if (from != null) {
      writer.keyword("FROM");
      from.unparse(writer, 0, 0);
    }
  }
}
