package dev.salvo.sql;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.fragment.FunctionReference;
import dev.salvo.exec.fragment.PlanResolver;
import dev.salvo.exec.fragment.TableReference;
import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.sql.catalog.ConnectorTable;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.function.FunctionRegistry;
import dev.salvo.sql.function.JavaFunction;
import java.util.List;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * Resolves the tables and functions a shipped plan fragment names against one engine's catalog
 * (as of its current snapshot) and function registry: what a process that runs fragments of
 * another's plans uses. {@link dev.salvo.exec.fragment.PlanCodec} then checks that the table
 * versions and function definitions are the ones the plan was made with.
 */
final class CatalogPlanResolver implements PlanResolver {
  private final SalvoCatalog catalog;
  private final FunctionRegistry functions;

  CatalogPlanResolver(SalvoCatalog catalog, FunctionRegistry functions) {
    this.catalog = catalog;
    this.functions = functions;
  }

  /**
   * Follows the name's parts from the root schema, as SQL would: {@code tpch.tiny.lineitem},
   * {@code main.orders}, {@code system.udf_stats}.
   */
  @Override
  public TableSource table(TableReference reference) {
    List<String> parts = List.of(reference.name().split("\\."));
    CalciteSchema schema = catalog.rootSchema();
    for (String part : parts.subList(0, parts.size() - 1)) {
      schema = schema.getSubSchema(part, false);
      if (schema == null) {
        break;
      }
    }
    CalciteSchema.TableEntry entry = schema == null ? null
        : schema.getTable(parts.get(parts.size() - 1), false);
    if (entry == null || !(entry.getTable() instanceof ConnectorTable table)) {
      throw new SalvoException(ErrorCode.TABLE_NOT_FOUND, "Table " + reference.name()
          + " of the plan does not exist here");
    }
    return table.source();
  }

  @Override
  public ExternalFunction function(FunctionReference reference) {
    if (functions.lookup(reference.name()).orElse(null) instanceof JavaFunction function) {
      return function.external();
    }
    throw new SalvoException(ErrorCode.FUNCTION_NOT_FOUND, "Function " + reference.name()
        + " of the plan does not exist here");
  }
}
