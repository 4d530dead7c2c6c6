package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.server.query.StatementExecutor;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/statement}: runs the SQL in the request body and streams the result as JSON.
 *
 * <p>The first batch is pulled before the response is committed, so planning errors and errors
 * early in execution still get an error status; later errors end the streamed document instead.
 */
final class StatementEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(StatementEndpoint.class);

  private final StatementExecutor executor;
  private final StatementRequestReader requestReader;

  StatementEndpoint(StatementExecutor executor, long maxRequestBytes) {
    this.executor = executor;
    this.requestReader = new StatementRequestReader(maxRequestBytes);
  }

  void handle(Request request, Response response, Callback callback) throws IOException {
    ResultStream stream;
    Batch firstBatch;
    StatementRequestReader.StatementRequest statement;
    try {
      statement = requestReader.read(request);
    } catch (IOException e) {
      // The client went away while sending its statement: nobody is left to answer.
      LOG.debug("Could not read a statement request: {}", e.toString());
      callback.failed(e);
      return;
    } catch (RuntimeException e) {
      sendError(response, callback, e);
      return;
    }
    try {
      LOG.debug("Statement: {}", statement.sql());
      // Without properties no session is needed: the statement gets a fresh one of its own.
      StatementExecutor session = statement.sessionProperties().isEmpty() ? executor
          : executor.openSession(statement.sessionProperties());
      stream = session.execute(statement.sql());
    } catch (RuntimeException e) {
      sendError(response, callback, e);
      return;
    }
    try {
      firstBatch = stream.next();
    } catch (RuntimeException e) {
      stream.close();
      sendError(response, callback, e);
      return;
    }
    streamResult(request, response, callback, stream, firstBatch);
  }

  private static void streamResult(Request request, Response response, Callback callback,
      ResultStream stream, Batch firstBatch) throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
    OutputStream body = Response.asBufferedOutputStream(request, response);
    JsonGenerator json = JsonResponses.FACTORY.createGenerator(body);
    try {
      // The stream is closed before the last bytes go out: a client that has read the whole
      // document knows that the statement's resources are released.
      try (stream) {
        ResultJsonWriter.write(json, stream, firstBatch);
      }
      json.close();
      callback.succeeded();
    } catch (IOException e) {
      LOG.warn("Could not finish sending a result, the client may have gone: {}", e.toString());
      callback.failed(e);
    } catch (RuntimeException e) {
      LOG.error("Could not finish sending a result", e);
      callback.failed(e);
    }
  }

  private static void sendError(Response response, Callback callback, RuntimeException e)
      throws IOException {
    SalvoException error = SalvoException.wrap(e);
    if (error.code() == ErrorCode.INTERNAL_ERROR) {
      LOG.error("Statement failed with an internal error", e);
    } else {
      LOG.debug("Statement failed: {} {}", error.code(), error.getMessage());
    }
    JsonResponses.sendError(response, callback, error);
  }
}
