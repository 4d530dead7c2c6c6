package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;

/** A request the API turns down before any statement runs, with the HTTP status that says why. */
final class RequestRejectedException extends SalvoException {
  private static final long serialVersionUID = 1L;

  private final int status;

  RequestRejectedException(int status, ErrorCode code, String message) {
    super(code, message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
