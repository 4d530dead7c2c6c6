package dev.salvo.exec.fragment;

import dev.salvo.exec.type.DataType;
import java.util.List;
import java.util.Objects;

/**
 * An external function (a UDF) as a serialized fragment names it: never the live object, which
 * holds instance pools and class loaders, but what a receiving side needs to resolve its own
 * copy through a {@link PlanResolver} and to check that it is the same definition.
 *
 * @param name the function's SQL name
 * @param argumentTypes the argument types the plan passes
 * @param returnType the type of the column the plan expects back
 * @param definitionId {@link dev.salvo.exec.function.ExternalFunction#definitionId()}
 */
public record FunctionReference(String name, List<DataType> argumentTypes, DataType returnType,
    String definitionId) {
  public FunctionReference {
    Objects.requireNonNull(name, "name");
    argumentTypes = List.copyOf(argumentTypes);
    Objects.requireNonNull(returnType, "returnType");
    Objects.requireNonNull(definitionId, "definitionId");
  }
}
