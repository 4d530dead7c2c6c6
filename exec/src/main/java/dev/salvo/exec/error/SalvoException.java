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

  public SalvoException(ErrorCode code, String message) {
    this(code, message, 0, 0, null);
  }

  public SalvoException(ErrorCode code, String message, Throwable cause) {
    this(code, message, 0, 0, cause);
  }

  public SalvoException(ErrorCode code, String message, int line, int column, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.line = line;
    this.column = column;
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
