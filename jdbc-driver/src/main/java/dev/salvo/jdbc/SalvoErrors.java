package dev.salvo.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restores Salvo's error code and SQLSTATE on exceptions from Arrow's driver, which passes on
 * only the server's message. The server starts every error message with
 * {@code CODE (SQLSTATE xxxxx): }; this class finds it anywhere in the cause chain.
 */
final class SalvoErrors {
  private static final Pattern SALVO_ERROR = Pattern.compile(
      "([A-Z][A-Z_]*) \\(SQLSTATE ([0-9A-Z]{5})\\): (.*)", Pattern.DOTALL);

  private SalvoErrors() {}

  /** {@code error} as the SQLException a JDBC user should see; itself when not Salvo's. */
  static SQLException translate(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      Matcher matcher = message == null ? null : SALVO_ERROR.matcher(message);
      if (matcher != null && matcher.find()) {
        return exception(matcher.group(1), matcher.group(2), matcher.group(3).strip(), error);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (error instanceof SQLException sql) {
      return sql;
    }
    return new SQLException(error.getMessage(), error);
  }

  private static SQLException exception(String code, String sqlState, String message,
      Throwable cause) {
    String text = code + ": " + message;
    return switch (sqlState.substring(0, 2)) {
      case "42" -> new SQLSyntaxErrorException(text, sqlState, cause);
      case "0A" -> new SQLFeatureNotSupportedException(text, sqlState, cause);
      case "22" -> new SQLDataException(text, sqlState, cause);
      default -> new SQLException(text, sqlState, cause);
    };
  }
}
