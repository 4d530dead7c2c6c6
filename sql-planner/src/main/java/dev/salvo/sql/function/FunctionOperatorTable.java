package dev.salvo.sql.function;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * Resolves function names to the registry's Java UDFs, as they are at the moment of the lookup;
 * chained after Calcite's standard operators. SQL-bodied functions never reach it: they are
 * inlined before validation.
 */
public final class FunctionOperatorTable implements SqlOperatorTable {
  private final FunctionRegistry registry;
  private final RelDataTypeFactory typeFactory;

  public FunctionOperatorTable(FunctionRegistry registry, RelDataTypeFactory typeFactory) {
    this.registry = registry;
    this.typeFactory = typeFactory;
  }

  @Override
  public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category,
      SqlSyntax syntax, List<SqlOperator> operators, SqlNameMatcher nameMatcher) {
    if (syntax != SqlSyntax.FUNCTION) {
      return;
    }
    registry.lookup(String.join(".", name.names))
        .filter(JavaFunction.class::isInstance)
        .ifPresent(function ->
            operators.add(new JavaFunctionOperator((JavaFunction) function, typeFactory)));
  }

  @Override
  public List<SqlOperator> getOperatorList() {
    List<SqlOperator> operators = new ArrayList<>();
    for (RegisteredFunction function : registry.list()) {
      if (function instanceof JavaFunction java) {
        operators.add(new JavaFunctionOperator(java, typeFactory));
      }
    }
    return operators;
  }
}
