package dev.salvo.sql.function;

import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Java UDF registered with the runtime.
 *
 * @param definition the definition as the runtime resolved it (return type known)
 * @param options the WITH options as written, for DESCRIBE FUNCTION
 * @param external what the executor calls
 */
public record JavaFunction(FunctionDefinition definition, List<String> parameterNames,
    Map<String, String> options, String statement, Instant createdAt, ExternalFunction external)
    implements RegisteredFunction {
  public JavaFunction {
    parameterNames = List.copyOf(parameterNames);
    options = Map.copyOf(options);
  }

  @Override
  public String name() {
    return definition.name();
  }

  @Override
  public List<DataType> parameterTypes() {
    return definition.argumentTypes();
  }

  @Override
  public DataType returnType() {
    return definition.returnType();
  }

  @Override
  public String language() {
    return "JAVA";
  }
}
