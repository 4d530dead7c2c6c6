package dev.salvo.server.flightsql;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Turns Salvo's errors into Flight call statuses. The description starts with the error code and
 * the SQLSTATE ({@code TABLE_NOT_FOUND (SQLSTATE 42P01): ...}) and ends with the position in the
 * SQL text where there is one, because the description is all
 * that Arrow's JDBC driver passes on to its SQLException; Salvo's driver reads them back from
 * there. They travel as status metadata too, for Flight clients that read it.
 */
public final class FlightErrors {
  /** Metadata key carrying the {@link ErrorCode} name. */
  public static final String ERROR_CODE_KEY = "salvo-error-code";
  /** Metadata key carrying the SQLSTATE. */
  public static final String SQL_STATE_KEY = "salvo-sqlstate";

  private FlightErrors() {}

  /** The Flight exception a client should see for {@code error}. */
  public static FlightRuntimeException toFlight(Throwable error) {
    if (error instanceof FlightRuntimeException flight) {
      return flight;
    }
    SalvoException salvo = SalvoException.wrap(error);
    ErrorFlightMetadata metadata = new ErrorFlightMetadata();
    metadata.insert(ERROR_CODE_KEY, salvo.code().name());
    metadata.insert(SQL_STATE_KEY, salvo.sqlState());
    String description = salvo.code().name() + " (SQLSTATE " + salvo.sqlState() + "): "
        + salvo.getMessage() + position(salvo);
    return new CallStatus(statusFor(salvo.code()), salvo, description, metadata)
        .toRuntimeException();
  }

  /**
   * Where in the SQL text the error is, unless its message says so already (a parser's does):
   * the description is all a JDBC client sees.
   */
  private static String position(SalvoException error) {
    String where = "line " + error.line() + ", column " + error.column();
    if (!error.hasPosition() || error.getMessage().contains(where)) {
      return "";
    }
    return " (at " + where + ")";
  }

  /** A Salvo error for a request this endpoint does not understand or cannot serve. */
  public static FlightRuntimeException notSupported(String message) {
    return toFlight(new SalvoException(ErrorCode.NOT_SUPPORTED, message));
  }

  private static FlightStatusCode statusFor(ErrorCode code) {
    return switch (code) {
      case NOT_SUPPORTED -> FlightStatusCode.UNIMPLEMENTED;
      case QUERY_CANCELLED -> FlightStatusCode.CANCELLED;
      case MEMORY_LIMIT_EXCEEDED -> FlightStatusCode.RESOURCE_EXHAUSTED;
      case TABLE_NOT_FOUND, COLUMN_NOT_FOUND, FUNCTION_NOT_FOUND, SCHEMA_NOT_FOUND,
          CATALOG_NOT_FOUND -> FlightStatusCode.NOT_FOUND;
      case INTERNAL_ERROR, INVALID_CONFIGURATION -> FlightStatusCode.INTERNAL;
      default -> FlightStatusCode.INVALID_ARGUMENT;
    };
  }
}
