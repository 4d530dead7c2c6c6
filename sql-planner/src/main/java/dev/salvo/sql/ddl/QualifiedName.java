package dev.salvo.sql.ddl;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.catalog.SalvoCatalog;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A user object's schema and name as a statement spells them: {@code name} (in the session's
 * default schema), {@code schema.name} or {@code salvo.schema.name}.
 */
public record QualifiedName(String schema, String name) {

  /**
   * Resolves the name of a table or view a statement creates, changes or drops; a name without
   * a schema lies in {@code defaults}, the session's default schema.
   *
   * @throws SalvoException NOT_SUPPORTED for the read-only built-in catalogs (also as the
   *     default of a name without a schema), VALIDATION_ERROR for a name without a schema when
   *     the session has no default schema, or for a name of another shape; all at the
   *     identifier's position
   */
  public static QualifiedName of(SqlIdentifier identifier, DefaultSchema defaults) {
    List<String> names = identifier.names;
    if (names.size() == 1) {
      if (!defaults.isUserCatalog()) {
        throw error(ErrorCode.NOT_SUPPORTED, "The session's default schema " + defaults
            + " is read-only; name a schema of your own, as in main." + names.get(0),
            identifier);
      }
      if (defaults.schema() == null) {
        throw error(ErrorCode.VALIDATION_ERROR, "The session has no default schema; name"
            + " the schema, as in main." + names.get(0), identifier);
      }
      return userObject(defaults.schema(), names.get(0), identifier);
    }
    if (names.size() == 2) {
      return userObject(names.get(0), names.get(1), identifier);
    }
    if (names.size() == 3 && names.get(0).equalsIgnoreCase(SalvoCatalog.USER_CATALOG)) {
      return userObject(names.get(1), names.get(2), identifier);
    }
    if (names.get(0).equalsIgnoreCase(SalvoCatalog.TPCH_CATALOG)) {
      throw error(ErrorCode.NOT_SUPPORTED,
          "The built-in tpch tables are read-only: " + identifier, identifier);
    }
    throw error(ErrorCode.VALIDATION_ERROR, "Expected schema.name, got " + identifier
        + "; user tables live in schemas of their own", identifier);
  }

  private static QualifiedName userObject(String schema, String name, SqlIdentifier identifier) {
    if (schema.equalsIgnoreCase(SalvoCatalog.INFORMATION_SCHEMA)) {
      throw error(ErrorCode.NOT_SUPPORTED, "information_schema is read-only", identifier);
    }
    return new QualifiedName(schema, name);
  }

  /** An error at the position of {@code node} in the statement. */
  public static SalvoException error(ErrorCode code, String message, SqlNode node) {
    SqlParserPos pos = node.getParserPosition();
    return new SalvoException(code, message, pos.getLineNum(), pos.getColumnNum(), null);
  }

  /** The same error at the position of {@code node}, unless it has a position already. */
  public static SalvoException at(SalvoException e, SqlNode node) {
    if (e.hasPosition()) {
      return e;
    }
    SqlParserPos pos = node.getParserPosition();
    return new SalvoException(e.code(), e.getMessage(), pos.getLineNum(), pos.getColumnNum(),
        e.getCause());
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
