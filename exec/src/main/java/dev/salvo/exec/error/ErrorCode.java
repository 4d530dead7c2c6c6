package dev.salvo.exec.error;

/** Every error Salvo reports to a user, each with its SQLSTATE. */
public enum ErrorCode {
  SYNTAX_ERROR("42601"),
  VALIDATION_ERROR("42000"),
  TABLE_NOT_FOUND("42P01"),
  COLUMN_NOT_FOUND("42703"),
  FUNCTION_NOT_FOUND("42883"),
  TYPE_MISMATCH("42804"),
  INVALID_HINT("42602"),
  NOT_SUPPORTED("0A000"),
  DIVISION_BY_ZERO("22012"),
  NUMERIC_OVERFLOW("22003"),
  INVALID_CAST("22018"),
  INVALID_ARGUMENT("22023"),
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  DATETIME_FIELD_OVERFLOW("22008"),
  /** A result grew beyond the server's result size limit. */
  RESULT_TOO_LARGE("54000"),
  MEMORY_LIMIT_EXCEEDED("53200"),
  /** The server already runs and queues as many queries as it is configured to. */
  TOO_MANY_QUERIES("53300"),
  QUERY_CANCELLED("57014"),
  /** No query has the given id (it never existed, or it was forgotten long ago). */
  QUERY_NOT_FOUND("42704"),
  /** The query has already ended, so it can no longer be cancelled. */
  QUERY_ALREADY_FINISHED("55000"),
  /** The query's results were released because no client fetched them in time. */
  QUERY_RESULTS_EXPIRED("55000"),
  INVALID_CONFIGURATION("F0000"),
  INTERNAL_ERROR("XX000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
