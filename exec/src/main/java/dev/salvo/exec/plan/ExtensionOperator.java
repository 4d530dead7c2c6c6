package dev.salvo.exec.plan;

import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.RowType;

/**
 * A streaming operator defined outside the executor (a UDF call, a test probe): the seam
 * through which such operators join a plan as an {@link ExtensionNode} without the executor
 * knowing them. Implementations are immutable; per-driver state lives in the operators they
 * create. Implementations that must run on a distributed runner are also serializable.
 */
public interface ExtensionOperator {
  /** The row type of the operator's output for input rows of type {@code input}. */
  RowType outputType(RowType input);

  /** One line for EXPLAIN. */
  String describe();

  /**
   * The operator of one driver; {@code driverIndex} counts the pipeline's drivers from 0 and,
   * above an exchange, is the partition the driver reads.
   */
  Operator create(QueryContext context, int driverIndex);
}
