package dev.salvo.sql.parser.ddl;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A parsed {@code CREATE FUNCTION}: either a Java function ({@code LANGUAGE JAVA AS ...}) or a
 * SQL-bodied one ({@code RETURN expression}, when {@link #body()} is not null).
 */
public final class SqlCreateFunction extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE FUNCTION", SqlKind.CREATE_FUNCTION);

  private final SqlIdentifier name;
  private final SqlNodeList parameterNames;
  private final SqlNodeList parameterTypes;
  private final SqlDataTypeSpec returnType;
  private final SqlIdentifier language;
  private final SqlNode target;
  private final SqlNode jar;
  private final SqlNodeList options;
  private final SqlNode body;
  private final SqlParserPos returnKeyword;

  public SqlCreateFunction(SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlNodeList parameterNames, SqlNodeList parameterTypes,
      SqlDataTypeSpec returnType, SqlIdentifier language, SqlNode target, SqlNode jar,
      SqlNodeList options, SqlNode body, SqlParserPos returnKeyword) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.parameterNames = parameterNames;
    this.parameterTypes = parameterTypes;
    this.returnType = returnType;
    this.language = language;
    this.target = target;
    this.jar = jar;
    this.options = options;
    this.body = body;
    this.returnKeyword = returnKeyword;
  }

  /** Where the RETURN keyword stands, so the body's text can be cut from the statement. */
  public SqlParserPos returnKeyword() {
    return returnKeyword;
  }

  public boolean orReplace() {
    return getReplace();
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  public SqlNodeList parameterNames() {
    return parameterNames;
  }

  public SqlNodeList parameterTypes() {
    return parameterTypes;
  }

  public SqlDataTypeSpec returnType() {
    return returnType;
  }

  /** The LANGUAGE word, or null for a SQL-bodied function. */
  public SqlIdentifier language() {
    return language;
  }

  /** The AS string literal ({@code 'com.acme.Cls#method'}), or null. */
  public SqlNode target() {
    return target;
  }

  /** The USING JAR string literal, or null. */
  public SqlNode jar() {
    return jar;
  }

  /** The WITH options, each a {@link SqlFunctionOption}. */
  public SqlNodeList options() {
    return options;
  }

  /** The RETURN expression of a SQL-bodied function, or null. */
  public SqlNode body() {
    return body;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(name);
    operands.add(parameterNames);
    operands.add(parameterTypes);
    operands.add(returnType);
    operands.add(language);
    operands.add(target);
    operands.add(jar);
    operands.add(options);
    operands.add(body);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getReplace() ? "CREATE OR REPLACE FUNCTION" : "CREATE FUNCTION");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (int i = 0; i < parameterNames.size(); i++) {
      writer.sep(",");
      parameterNames.get(i).unparse(writer, 0, 0);
      parameterTypes.get(i).unparse(writer, 0, 0);
    }
    writer.endList(frame);
    writer.keyword("RETURNS");
    returnType.unparse(writer, 0, 0);
    if (body != null) {
      writer.keyword("RETURN");
      body.unparse(writer, 0, 0);
      return;
    }
    writer.keyword("LANGUAGE");
    language.unparse(writer, 0, 0);
    writer.keyword("AS");
    target.unparse(writer, 0, 0);
    if (jar != null) {
      writer.keyword("USING JAR");
      jar.unparse(writer, 0, 0);
    }
    if (!options.isEmpty()) {
      writer.keyword("WITH");
      SqlWriter.Frame optionFrame = writer.startList("(", ")");
      for (SqlNode option : options) {
        writer.sep(",");
        option.unparse(writer, 0, 0);
      }
      writer.endList(optionFrame);
    }
  }
}
