package dev.salvo.exec.pipeline;

import dev.salvo.exec.runner.QueryContext;

/**
 * Creates the per-driver instances of one streaming operator of a pipeline. A factory is built
 * once per query execution and is immutable, except for explicitly thread-safe state that all
 * drivers of the pipeline share (such as a LIMIT's row count).
 */
public interface OperatorFactory {
  Operator create(QueryContext context);

  /**
   * The operator of driver {@code driverIndex} (0-based) of the pipeline; above an exchange the
   * index is the partition the driver reads. Most operators do not care.
   */
  default Operator create(QueryContext context, int driverIndex) {
    return create(context);
  }
}
