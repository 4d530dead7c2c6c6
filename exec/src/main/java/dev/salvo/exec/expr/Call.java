package dev.salvo.exec.expr;

import dev.salvo.exec.type.DataType;
import java.util.List;
import java.util.stream.Collectors;

/** A call of a built-in scalar function; {@code type} is the result type the planner derived. */
public record Call(ScalarFunction function, List<Expression> arguments, DataType type)
    implements Expression {
  public Call {
    arguments = List.copyOf(arguments);
  }

  public static Call of(ScalarFunction function, DataType type, Expression... arguments) {
    return new Call(function, List.of(arguments), type);
  }

  @Override
  public String toString() {
    return function.name() + arguments.stream().map(Object::toString)
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
