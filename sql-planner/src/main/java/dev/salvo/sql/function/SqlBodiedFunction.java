package dev.salvo.sql.function;

import dev.salvo.exec.type.DataType;
import java.time.Instant;
import java.util.List;

/**
 * A function whose body is a SQL expression over its parameters; the planner inlines it.
 *
 * @param parameterTypeNames the declared types as SQL text, for the casts inlining adds
 * @param returnTypeName the RETURNS type as SQL text
 * @param body the RETURN expression as written
 */
public record SqlBodiedFunction(String name, List<String> parameterNames,
    List<DataType> parameterTypes, List<String> parameterTypeNames, DataType returnType,
    String returnTypeName, String body, String statement, Instant createdAt)
    implements RegisteredFunction {
  public SqlBodiedFunction {
    parameterNames = List.copyOf(parameterNames);
    parameterTypes = List.copyOf(parameterTypes);
    parameterTypeNames = List.copyOf(parameterTypeNames);
  }

  @Override
  public String language() {
    return "SQL";
  }
}
