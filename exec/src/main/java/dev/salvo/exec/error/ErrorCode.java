package dev.salvo.exec.error;

/** Every error Salvo reports to a user, each with its SQLSTATE. */
public enum ErrorCode {
  SYNTAX_ERROR("42601"),
  VALIDATION_ERROR("42000"),
  TABLE_NOT_FOUND("42P01"),
  TABLE_ALREADY_EXISTS("42P07"),
  SCHEMA_NOT_FOUND("3F000"),
  /** A name or a session's default refers to a catalog that does not exist. */
  CATALOG_NOT_FOUND("3D000"),
  SCHEMA_ALREADY_EXISTS("42P06"),
  SCHEMA_NOT_EMPTY("2BP01"),
  WRONG_OBJECT_TYPE("42809"),
  NOT_NULL_VIOLATION("23502"),
  CATALOG_STORE_ERROR("58000"),
  TRANSACTION_CONFLICT("40001"),
  COLUMN_NOT_FOUND("42703"),
  FUNCTION_NOT_FOUND("42883"),
  DUPLICATE_FUNCTION("42723"),
  TYPE_MISMATCH("42804"),
  INVALID_HINT("42602"),
  NOT_SUPPORTED("0A000"),
  PARAMETER_COUNT_MISMATCH("07001"),
  /** SET, RESET or SHOW names a session setting that does not exist. */
  UNKNOWN_SETTING("42704"),
  /** SET gives a session setting a value it cannot take (wrong type, out of range). */
  INVALID_SETTING_VALUE("22023"),
  DIVISION_BY_ZERO("22012"),
  NUMERIC_OVERFLOW("22003"),
  INVALID_CAST("22018"),
  INVALID_ARGUMENT("22023"),
  STRING_DATA_RIGHT_TRUNCATION("22001"),
  DATETIME_FIELD_OVERFLOW("22008"),
  /** A scalar subquery returned more than one row. */
  CARDINALITY_VIOLATION("21000"),
  /** A CREATE FUNCTION option has an unknown key, a wrong type or an out-of-range value. */
  INVALID_FUNCTION_OPTION("42P13"),
  /** A function's class, method, jar or signature cannot serve as a UDF. */
  INVALID_FUNCTION_DEFINITION("42P17"),
  /** User code inside a UDF failed, timed out or took its worker process down. */
  UDF_FAILED("38000"),
  /** A request no configured resource (GPU inventory) can ever satisfy. */
  INSUFFICIENT_RESOURCES("53000"),
  /** A result grew beyond the server's result size limit. */
  RESULT_TOO_LARGE("54000"),
  MEMORY_LIMIT_EXCEEDED("53200"),
  /** The server already runs and queues as many queries as it is configured to. */
  TOO_MANY_QUERIES("53300"),
  QUERY_CANCELLED("57014"),
  /** A file read as a table does not exist or lies outside the data directory. */
  FILE_NOT_FOUND("58P01"),
  /** A file read as a table is malformed; the message names the file and the line or column. */
  BAD_FILE_FORMAT("22P04"),
  /** No query has the given id (it never existed, or it was forgotten long ago). */
  QUERY_NOT_FOUND("42704"),
  /** The query has already ended, so it can no longer be cancelled. */
  QUERY_ALREADY_FINISHED("55000"),
  /** The query's results were released because no client fetched them in time. */
  QUERY_RESULTS_EXPIRED("55000"),
  INVALID_CONFIGURATION("F0000"),
  /** A serialized plan fragment is malformed or from an incompatible version of Salvo. */
  INVALID_PLAN("XX001"),
  INTERNAL_ERROR("XX000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
