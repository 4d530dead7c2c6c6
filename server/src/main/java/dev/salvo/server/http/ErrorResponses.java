package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.query.QueryAccessException;
import java.io.IOException;

/** How errors look on the wire: their HTTP status and their JSON body. */
final class ErrorResponses {
  static final int BAD_REQUEST = 400;
  static final int NOT_FOUND = 404;
  static final int METHOD_NOT_ALLOWED = 405;
  static final int NOT_ACCEPTABLE = 406;
  static final int CONFLICT = 409;
  static final int GONE = 410;
  static final int PAYLOAD_TOO_LARGE = 413;
  static final int UNSUPPORTED_MEDIA_TYPE = 415;
  static final int TOO_MANY_REQUESTS = 429;
  static final int INTERNAL_SERVER_ERROR = 500;
  static final int SERVICE_UNAVAILABLE = 503;

  private ErrorResponses() {}

  /** The HTTP status for an error a statement raised. */
  static int statusFor(SalvoException error) {
    if (error instanceof RequestRejectedException rejected) {
      return rejected.status();
    }
    if (error instanceof QueryAccessException access) {
      return switch (access.reason()) {
        case NOT_FOUND -> NOT_FOUND;
        case CONFLICT -> CONFLICT;
        case GONE -> GONE;
        // Too many queries is the client's (or its fellow clients') doing: 429 says slow down.
        case OVERLOADED -> TOO_MANY_REQUESTS;
        case UNAVAILABLE -> SERVICE_UNAVAILABLE;
      };
    }
    if (error.code() == ErrorCode.INSUFFICIENT_RESOURCES) {
      // A definition asking for more than this server has at all (CREATE FUNCTION ... WITH
      // (gpus = 4) on a two-GPU server): waiting frees nothing, so unlike the rest of SQLSTATE
      // class 53 it is the statement that must change, not the timing.
      return BAD_REQUEST;
    }
    String sqlStateClass = error.sqlState().substring(0, 2);
    return switch (sqlStateClass) {
      // Syntax and access rule violations, data exceptions (a scalar subquery's several rows,
      // class 21, too), unsupported features: the statement itself is at fault and resending
      // it unchanged will fail again.
      case "42", "22", "21", "0A" -> BAD_REQUEST;
      // An invalid catalog or schema name (a default that does not exist, SHOW TABLES FROM a
      // schema that does not): the statement or its session properties name it.
      case "3D", "3F" -> BAD_REQUEST;
      // A result beyond query.max-result-bytes: the statement asks for more than is allowed.
      case "54" -> BAD_REQUEST;
      // Insufficient resources for now (MEMORY_LIMIT_EXCEEDED) and operator intervention (the
      // server is shutting down): nothing is wrong with the statement, the server could not
      // afford or finish it now. 503 tells clients and load balancers to retry later or elsewhere,
      // whereas a 500 would report a bug in Salvo.
      case "53", "57" -> SERVICE_UNAVAILABLE;
      default -> INTERNAL_SERVER_ERROR;
    };
  }

  /** Writes {@code "error": {...}} as a member of the object being generated. */
  static void writeErrorMember(JsonGenerator json, SalvoException error) throws IOException {
    json.writeFieldName("error");
    json.writeStartObject();
    json.writeStringField("code", error.code().name());
    json.writeStringField("sqlState", error.sqlState());
    json.writeStringField("message", messageOf(error));
    if (error.hasPosition()) {
      json.writeNumberField("line", error.line());
      json.writeNumberField("column", error.column());
    }
    json.writeEndObject();
  }

  private static String messageOf(SalvoException error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      message = error.code() == ErrorCode.INTERNAL_ERROR
          ? "Internal error; the server log has the details"
          : error.code().name();
    }
    return message;
  }
}
