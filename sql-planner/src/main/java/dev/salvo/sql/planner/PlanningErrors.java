package dev.salvo.sql.planner;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import org.apache.calcite.runtime.CalciteContextException;

/** Turns Calcite's validation exceptions into positioned {@link SalvoException}s. */
final class PlanningErrors {
  private PlanningErrors() {}

  static SalvoException fromValidation(CalciteContextException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
    return new SalvoException(codeFor(message), message, e.getPosLine(), e.getPosColumn(), e);
  }

  private static ErrorCode codeFor(String message) {
    if (message.startsWith("Object '") || message.startsWith("Table '")) {
      return ErrorCode.TABLE_NOT_FOUND;
    }
    if (message.startsWith("Column '") && message.contains("not found")) {
      return ErrorCode.COLUMN_NOT_FOUND;
    }
    if (message.startsWith("No match found for function signature")) {
      return ErrorCode.FUNCTION_NOT_FOUND;
    }
    if (message.startsWith("Cannot apply") || message.contains("type mismatch")
        || message.startsWith("Cannot assign") || message.contains("must be a condition")
        || message.startsWith("Illegal mixing of types")
        || message.contains("must have compatible types")) {
      return ErrorCode.TYPE_MISMATCH;
    }
    return ErrorCode.VALIDATION_ERROR;
  }
}
