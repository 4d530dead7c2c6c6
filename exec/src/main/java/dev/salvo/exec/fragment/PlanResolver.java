package dev.salvo.exec.fragment;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.function.ExternalFunction;

/**
 * How the side that reads a serialized fragment turns the tables and functions it names back
 * into live objects of its own process (its catalog, its UDF runtime). {@link PlanCodec} checks
 * what comes back against the reference (columns, table version, signature, definition), so an
 * implementation only looks up by name.
 */
public interface PlanResolver {
  /**
   * The table named {@code reference.name()}.
   *
   * @throws dev.salvo.exec.error.SalvoException TABLE_NOT_FOUND when there is none
   */
  TableSource table(TableReference reference);

  /**
   * The function named {@code reference.name()}.
   *
   * @throws dev.salvo.exec.error.SalvoException FUNCTION_NOT_FOUND when there is none
   */
  ExternalFunction function(FunctionReference reference);
}
