package dev.salvo.sql.parser;

import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW name} or {@code SHOW ALL}: answer session settings and their values. */
public final class SqlShowSetting extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

  private final SqlIdentifier name;

  /** @param name the setting to show, or null for all of them */
  public SqlShowSetting(SqlParserPos pos, SqlIdentifier name) {
    super(pos);
    this.name = name;
  }

  /** The setting named, or null for SHOW ALL. */
  public SqlIdentifier name() {
    return name;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return name == null ? List.of() : Collections.singletonList(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW");
    if (name == null) {
      writer.keyword("ALL");
    } else {
      name.unparse(writer, leftPrec, rightPrec);
    }
  }
}
