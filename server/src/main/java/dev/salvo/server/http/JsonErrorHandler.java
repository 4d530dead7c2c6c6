package dev.salvo.server.http;

import dev.salvo.exec.error.ErrorCode;
import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before a request reaches the API (a malformed request
 * line, headers that are too large), in the API's JSON error format instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int status, String message,
      Throwable cause, Callback callback) throws IOException {
    ErrorCode code = status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_ARGUMENT;
    String text = message == null || message.isBlank() ? "HTTP status " + status : message;
    JsonResponses.sendError(response, callback, new RequestRejectedException(status, code, text));
  }
}
