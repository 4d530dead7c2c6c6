package dev.salvo.exec.pipeline;

import java.util.List;

/**
 * One pipeline of a query: a source, a chain of streaming operators and a sink, run by one or
 * more drivers once every pipeline it depends on (by id) has finished.
 */
public record Pipeline(int id, SourceFactory source, List<OperatorFactory> operators,
    SinkFactory sink, List<Integer> dependencies) {
  public Pipeline {
    operators = List.copyOf(operators);
    dependencies = List.copyOf(dependencies);
  }
}
