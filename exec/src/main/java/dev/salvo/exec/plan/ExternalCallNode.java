package dev.salvo.exec.plan;

import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls an {@link ExternalFunction} on columns of its input and appends the result as one more
 * column: the output is every input column followed by {@code result}.
 *
 * @param arguments positions of the input columns passed as the function's arguments, already of
 *     the function's argument types
 */
public record ExternalCallNode(ExecNode input, ExternalFunction function, List<Integer> arguments,
    Column result) implements ExecNode {
  public ExternalCallNode {
    arguments = List.copyOf(arguments);
    if (arguments.size() != function.argumentTypes().size()) {
      throw new IllegalArgumentException("Function " + function.name() + " takes "
          + function.argumentTypes().size() + " arguments, got " + arguments.size());
    }
  }

  @Override
  public RowType outputType() {
    List<Column> columns = new ArrayList<>(input.outputType().columns());
    columns.add(result);
    return new RowType(columns);
  }

  @Override
  public List<ExecNode> inputs() {
    return List.of(input);
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder("ExternalCall(").append(function.name()).append('(');
    for (int i = 0; i < arguments.size(); i++) {
      text.append(i == 0 ? "#" : ", #").append(arguments.get(i));
    }
    return text.append(") AS ").append(result.name()).append(')').toString();
  }

  @Override
  public ExecNode withInputs(List<ExecNode> inputs) {
    return new ExternalCallNode(PlanInputs.only(inputs, this), function, arguments,
        result);
  }
}
