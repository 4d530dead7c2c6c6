package dev.salvo.exec.error;

/**
 * The one exception type users see: an {@link ErrorCode} (hence a SQLSTATE), a message, and
 * where known the 1-based line and column in the SQL text that caused it.
 */
public class SalvoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int line;
  private final int column;
  private final String operation;

  public SalvoException(ErrorCode code, String message) {
    this(code, message, 0, 0, null);
  }

  /**
   * A data error raised while evaluating {@code operation} (see {@link #operation()}), which the
   * planner may place in the SQL text with {@link #at(int, int)}.
   */
  public SalvoException(ErrorCode code, String message, String operation) {
    this(code, message, 0, 0, null, operation);
  }

  public SalvoException(ErrorCode code, String message, Throwable cause) {
    this(code, message, 0, 0, cause);
  }

  public SalvoException(ErrorCode code, String message, int line, int column, Throwable cause) {
    this(code, message, line, column, cause, null);
  }

  private SalvoException(ErrorCode code, String message, int line, int column, Throwable cause,
      String operation) {
    super(message, cause);
    this.code = code;
    this.line = line;
    this.column = column;
    this.operation = operation;
  }

  public ErrorCode code() {
    return code;
  }

  public String sqlState() {
    return code.sqlState();
  }

  /** 1-based line of the offending SQL text, or 0 when the error has no position. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending SQL text, or 0 when the error has no position. */
  public int column() {
    return column;
  }

  public boolean hasPosition() {
    return line > 0;
  }

  /**
   * For an error a row's values raised, the operation that met them, named as
   * {@code Operations} in the expression package names it ({@code DIVIDE},
   * {@code CAST(VARCHAR AS BIGINT)}); null for any other error.
   */
  public String operation() {
    return operation;
  }

  /** This error placed at {@code line} and {@code column} of the SQL text; it is the cause. */
  public SalvoException at(int line, int column) {
    return new SalvoException(code, getMessage(), line, column, this);
  }

  /** Wraps any throwable as a SalvoException, keeping one that already is. */
  public static SalvoException wrap(Throwable t) {
    if (t instanceof SalvoException salvo) {
      return salvo;
    }
    if (t instanceof OutOfMemoryError
        || t instanceof org.apache.arrow.memory.OutOfMemoryException) {
      return new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED,
          "Query exceeded its memory limit: " + t.getMessage(), t);
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new SalvoException(ErrorCode.INTERNAL_ERROR, message, t);
  }
}
