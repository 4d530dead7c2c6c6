package dev.salvo.exec.function;

import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import java.util.List;

/**
 * A function the executor calls but does not implement (a user-defined function): what a plan
 * needs to know about it, and how a query opens it. The executor never sees how it runs; an
 * implementation (the UDF runtime) supplies that. Implementations are immutable and thread-safe.
 */
public interface ExternalFunction {
  /** The SQL name, for EXPLAIN and error messages. */
  String name();

  /** The types the argument columns must have, in order. */
  List<DataType> argumentTypes();

  /** The type of the result vector every call returns. */
  DataType returnType();

  /**
   * Identifies this definition of the function across processes, for plan fragments that name
   * the function rather than carry it: two functions with the same name and definition id run
   * the same code with the same options. A replaced function gets another id.
   */
  String definitionId();

  /**
   * How many batches one driver should keep in flight so that the function's own concurrency cap,
   * not the operator, is what limits parallel calls; at least 1.
   */
  int batchesInFlightPerDriver(int driversPerPipeline);

  /**
   * Opens the function for one query: every call made through the returned invocation uses the
   * version of the function that was current now, even if it is replaced or dropped meanwhile.
   * The invocation reports each call it makes to {@code listener} (one per operator of the
   * plan, so that each operator shows its own figures).
   *
   * @throws dev.salvo.exec.error.SalvoException FUNCTION_NOT_FOUND when the function no longer
   *     exists as planned
   */
  ExternalInvocation open(QueryContext context, ExternalCallListener listener);
}
