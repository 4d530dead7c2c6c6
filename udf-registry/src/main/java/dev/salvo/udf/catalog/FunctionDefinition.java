package dev.salvo.udf.catalog;

import dev.salvo.exec.type.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code CREATE FUNCTION}: the SQL signature, where the Java code lives and how to run it.
 *
 * @param name the function's SQL name
 * @param argumentTypes SQL types of the arguments, in order
 * @param returnType the RETURNS type, or null to infer it from the Java signature
 * @param className the UDF class, {@code com.acme.Embedder}
 * @param methodName the method called, {@code call} when the definition names none
 * @param jars jars holding the class (empty when it is on the server's classpath)
 * @param options execution options
 */
public record FunctionDefinition(String name, List<DataType> argumentTypes, DataType returnType,
    String className, String methodName, List<Path> jars, UdfOptions options) {

  /** The method a definition uses when {@code AS 'com.acme.Cls'} names none. */
  public static final String DEFAULT_METHOD = "call";

  public FunctionDefinition {
    Objects.requireNonNull(name, "name");
    argumentTypes = List.copyOf(argumentTypes);
    Objects.requireNonNull(className, "className");
    methodName = methodName == null || methodName.isEmpty() ? DEFAULT_METHOD : methodName;
    jars = List.copyOf(jars);
    options = options == null ? UdfOptions.DEFAULTS : options;
  }

  /** Splits {@code 'com.acme.Cls#method'} (the AS clause) into class and method. */
  public static FunctionDefinition of(String name, List<DataType> argumentTypes,
      DataType returnType, String target, List<Path> jars, UdfOptions options) {
    int hash = target.indexOf('#');
    String className = hash < 0 ? target : target.substring(0, hash);
    String methodName = hash < 0 ? null : target.substring(hash + 1);
    return new FunctionDefinition(name, argumentTypes, returnType, className.trim(),
        methodName == null ? null : methodName.trim(), jars, options);
  }
}
