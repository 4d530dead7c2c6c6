package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code X-Salvo-Session} request header: session properties for the statements of one
 * request, written {@code name=value} and separated by commas
 * ({@code X-Salvo-Session: batch_size=100,parallelism=1}); the header may also be repeated.
 * Only the syntax is checked here; the engine checks names and values.
 */
final class SessionHeader {
  /** The header's name. */
  static final String NAME = "X-Salvo-Session";

  private SessionHeader() {}

  /**
   * The properties the header values hold, in order; a later value for a name wins.
   *
   * @throws RequestRejectedException 400 for an entry without {@code =} or without a name
   */
  static Map<String, String> parse(List<String> headerValues) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String headerValue : headerValues) {
      for (String entry : headerValue.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        int equals = entry.indexOf('=');
        if (equals <= 0 || entry.substring(0, equals).isBlank()) {
          throw new RequestRejectedException(ErrorResponses.BAD_REQUEST,
              ErrorCode.INVALID_ARGUMENT, "Malformed " + NAME + " entry '" + entry.trim()
                  + "'; write name=value pairs separated by commas");
        }
        properties.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
      }
    }
    return properties;
  }
}
