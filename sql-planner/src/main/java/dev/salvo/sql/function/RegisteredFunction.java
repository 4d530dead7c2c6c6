package dev.salvo.sql.function;

import dev.salvo.exec.type.DataType;
import java.time.Instant;
import java.util.List;

/** A function the planner can resolve: a Java UDF or a SQL-bodied function. */
public sealed interface RegisteredFunction permits JavaFunction, SqlBodiedFunction {
  String name();

  List<String> parameterNames();

  List<DataType> parameterTypes();

  DataType returnType();

  /** The {@code CREATE FUNCTION} text it was created with. */
  String statement();

  Instant createdAt();

  /** {@code JAVA} or {@code SQL}, for SHOW FUNCTIONS and {@code system.functions}. */
  String language();

  /** The signature as SQL shows it: {@code name(x INTEGER, y VARCHAR)}. */
  default String signature() {
    StringBuilder text = new StringBuilder(name()).append('(');
    for (int i = 0; i < parameterNames().size(); i++) {
      text.append(i == 0 ? "" : ", ").append(parameterNames().get(i)).append(' ')
          .append(parameterTypes().get(i).sqlName());
    }
    return text.append(')').toString();
  }
}
