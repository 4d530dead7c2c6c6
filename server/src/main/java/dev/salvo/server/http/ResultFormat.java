package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The formats a whole result can be streamed in, chosen by the request's {@code Accept} header:
 * JSON (the default), an Arrow IPC stream, or CSV.
 */
enum ResultFormat {
  JSON(JsonResponses.CONTENT_TYPE),
  ARROW("application/vnd.apache.arrow.stream"),
  CSV("text/csv");

  private final String mediaType;

  ResultFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  /** The Content-Type header of a response in this format. */
  String contentType() {
    return this == CSV ? "text/csv; charset=utf-8; header=present" : mediaType;
  }

  /** A writer of a result in this format onto {@code body}. */
  ResultWriter writer(OutputStream body) {
    return switch (this) {
      case JSON -> new JsonResultWriter(body);
      case ARROW -> new ArrowResultWriter(body);
      case CSV -> new CsvResultWriter(body);
    };
  }

  /**
   * The format the {@code Accept} header asks for: the first listed type Salvo can write
   * ({@code *}{@code /*}, {@code application/*} and a missing header mean JSON). Quality values
   * are not weighed; list the preferred type first.
   *
   * @throws RequestRejectedException 406 when the header names no type Salvo writes
   */
  static ResultFormat negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
      switch (type) {
        case "*/*", "application/*", "application/json" -> {
          return JSON;
        }
        case "application/vnd.apache.arrow.stream" -> {
          return ARROW;
        }
        case "text/csv", "text/*" -> {
          return CSV;
        }
        default -> {
          // Try the next one.
        }
      }
    }
    throw new RequestRejectedException(ErrorResponses.NOT_ACCEPTABLE, ErrorCode.NOT_SUPPORTED,
        "Cannot answer in any type of Accept: " + accept + "; results come as "
            + JSON.mediaType + ", " + ARROW.mediaType + " or " + CSV.mediaType);
  }
}
