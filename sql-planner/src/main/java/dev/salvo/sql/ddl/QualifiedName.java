package dev.salvo.sql.ddl;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.catalog.store.CatalogStore;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A user object's schema and name as a statement spells them: {@code name} (in the default
 * schema) or {@code schema.name}.
 */
public record QualifiedName(String schema, String name) {

  /**
   * Resolves the name of a table or view a statement creates, changes or drops.
   *
   * @throws SalvoException NOT_SUPPORTED for the read-only built-in catalogs, VALIDATION_ERROR
   *     for a name of more than two parts; both at the identifier's position
   */
  public static QualifiedName of(SqlIdentifier identifier) {
    List<String> names = identifier.names;
    if (names.size() == 1) {
      return new QualifiedName(CatalogStore.DEFAULT_SCHEMA, names.get(0));
    }
    if (names.size() == 2) {
      String schema = names.get(0);
      if (schema.equalsIgnoreCase(SalvoCatalog.INFORMATION_SCHEMA)) {
        throw error(ErrorCode.NOT_SUPPORTED, "information_schema is read-only", identifier);
      }
      return new QualifiedName(schema, names.get(1));
    }
    if (names.get(0).equalsIgnoreCase(SalvoCatalog.TPCH_CATALOG)) {
      throw error(ErrorCode.NOT_SUPPORTED,
          "The built-in tpch tables are read-only: " + identifier, identifier);
    }
    throw error(ErrorCode.VALIDATION_ERROR, "Expected schema.name, got " + identifier
        + "; user tables live in schemas of their own", identifier);
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
