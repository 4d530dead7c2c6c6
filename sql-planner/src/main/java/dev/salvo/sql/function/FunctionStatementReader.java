package dev.salvo.sql.function;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.sql.catalog.TypeConversion;
import dev.salvo.sql.parser.ddl.SqlCreateFunction;
import dev.salvo.sql.parser.ddl.SqlFunctionOption;
import dev.salvo.sql.planner.SalvoTypeSystem;
import dev.salvo.udf.catalog.UdfOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads the parts of a parsed {@code CREATE FUNCTION} into Salvo's terms, rejecting what cannot
 * work with an error that points at the offending clause.
 */
final class FunctionStatementReader {
  private static final RelDataTypeFactory TYPE_FACTORY =
      new JavaTypeFactoryImpl(SalvoTypeSystem.INSTANCE);

  private FunctionStatementReader() {}

  static String name(SqlIdentifier identifier) {
    return String.join(".", identifier.names);
  }

  static List<String> parameterNames(SqlCreateFunction statement) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SqlNode node : statement.parameterNames()) {
      String name = ((SqlIdentifier) node).getSimple();
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw error(ErrorCode.INVALID_FUNCTION_DEFINITION,
            "Parameter " + name + " is declared twice", node.getParserPosition());
      }
      names.add(name);
    }
    return names;
  }

  static List<DataType> parameterTypes(SqlCreateFunction statement) {
    List<DataType> types = new ArrayList<>();
    for (SqlNode node : statement.parameterTypes()) {
      types.add(dataType((SqlDataTypeSpec) node));
    }
    return types;
  }

  /** A declared type; all of Salvo's function parameters and results are nullable. */
  static DataType dataType(SqlDataTypeSpec spec) {
    if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
      throw error(ErrorCode.NOT_SUPPORTED, "Type " + spec + " is not supported for functions",
          spec.getParserPosition());
    }
    SqlTypeName typeName = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    if (typeName == null) {
      throw error(ErrorCode.NOT_SUPPORTED, "Unknown type " + spec, spec.getParserPosition());
    }
    RelDataType type;
    if (basic.getPrecision() >= 0 && basic.getScale() >= 0 && typeName.allowsScale()) {
      type = TYPE_FACTORY.createSqlType(typeName, basic.getPrecision(), basic.getScale());
    } else if (basic.getPrecision() >= 0 && typeName.allowsPrec()) {
      type = TYPE_FACTORY.createSqlType(typeName, basic.getPrecision());
    } else {
      type = TYPE_FACTORY.createSqlType(typeName);
    }
    try {
      return TypeConversion.toDataType(type).withNullable(true);
    } catch (SalvoException e) {
      throw error(e.code(), e.getMessage(), spec.getParserPosition());
    }
  }

  /**
   * The WITH options as written, checked one by one so an error points at the option at fault;
   * the whole set is then checked together.
   */
  static Map<String, String> options(SqlCreateFunction statement) {
    Map<String, String> options = new LinkedHashMap<>();
    for (SqlNode node : statement.options()) {
      SqlFunctionOption option = (SqlFunctionOption) node;
      String key = option.key().toLowerCase(Locale.ROOT);
      if (options.containsKey(key)) {
        throw error(ErrorCode.INVALID_FUNCTION_OPTION,
            "Function option '" + key + "' is given twice", option.getParserPosition());
      }
      try {
        UdfOptions.parse(Map.of(key, option.valueText()));
      } catch (SalvoException e) {
        throw error(e.code(), e.getMessage(), option.getParserPosition());
      }
      options.put(key, option.valueText());
    }
    return options;
  }

  static String stringLiteral(SqlNode node) {
    return ((SqlCharStringLiteral) node).getValueAs(String.class);
  }

  /** The jar named by USING JAR: a file path or a {@code file:} URL, which must exist. */
  static Path jarPath(SqlNode literal) {
    String text = stringLiteral(literal);
    Path path;
    try {
      path = text.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(text))
          : Path.of(text);
    } catch (IllegalArgumentException e) {
      throw error(ErrorCode.INVALID_FUNCTION_DEFINITION,
          "USING JAR takes a file path or a file: URL, got '" + text + "'",
          literal.getParserPosition());
    }
    if (!Files.isRegularFile(path)) {
      throw error(ErrorCode.INVALID_FUNCTION_DEFINITION,
          "Jar " + text + " does not exist or is not a file", literal.getParserPosition());
    }
    return path.toAbsolutePath();
  }

  /** The RETURN expression's text: the statement after the RETURN keyword. */
  static String bodyText(String sql, SqlParserPos returnKeyword) {
    int offset = offsetOf(sql, returnKeyword.getLineNum(), returnKeyword.getColumnNum())
        + "RETURN".length();
    String text = sql.substring(offset).strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text;
  }

  private static int offsetOf(String sql, int line, int column) {
    int offset = 0;
    for (int current = 1; current < line; current++) {
      offset = sql.indexOf('\n', offset) + 1;
    }
    return offset + column - 1;
  }

  static SalvoException error(ErrorCode code, String message, SqlParserPos pos) {
    return new SalvoException(code, message, pos.getLineNum(), pos.getColumnNum(), null);
  }
}
