package dev.salvo.sql.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP SCHEMA | TABLE | VIEW [IF EXISTS] name [CASCADE | RESTRICT]}. */
public final class SqlDropSalvoObject extends SqlDrop {
  /** What a DROP statement drops. */
  public enum ObjectKind {
    SCHEMA(SqlKind.DROP_SCHEMA),
    TABLE(SqlKind.DROP_TABLE),
    VIEW(SqlKind.DROP_VIEW);

    private final SqlOperator operator;

    ObjectKind(SqlKind kind) {
      this.operator = new SqlSpecialOperator("DROP " + name(), kind);
    }
  }

  private final ObjectKind objectKind;
  private final SqlIdentifier name;
  private final boolean cascade;

  public SqlDropSalvoObject(SqlParserPos pos, ObjectKind objectKind, boolean ifExists,
      SqlIdentifier name, boolean cascade) {
    super(objectKind.operator, pos, ifExists);
    this.objectKind = objectKind;
    this.name = name;
    this.cascade = cascade;
  }

  public ObjectKind objectKind() {
    return objectKind;
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifExists() {
    return ifExists;
  }

  public boolean cascade() {
    return cascade;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP " + objectKind.name());
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (cascade) {
      writer.keyword("CASCADE");
    }
  }
}
