package dev.salvo.server.http;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.ResultReader;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a query's rows to a response in one format, batch by batch, blocking the request's
 * thread while the query computes.
 *
 * <p>The first batch is awaited before the response is committed, so that errors early in
 * execution still get an error status; a later error ends a JSON document with an
 * {@code "error"} member and cuts other formats off. The query's resources are released before
 * the last bytes go out: a client that has read the whole result knows they are free.
 */
final class ResultStreaming {
  private static final Logger LOG = LoggerFactory.getLogger(ResultStreaming.class);

  private ResultStreaming() {}

  /**
   * Streams what {@code reader} gives and closes it.
   *
   * @param onClientGone runs when the client stops reading before the end
   */
  static void stream(Request request, Response response, Callback callback, ResultReader reader,
      RowType rowType, ResultFormat format, Runnable onClientGone) throws IOException {
    Batch first;
    try {
      first = reader.next();
    } catch (RuntimeException e) {
      reader.close();
      sendError(response, callback, e);
      return;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, format.contentType());
    OutputStream body = Response.asBufferedOutputStream(request, response);
    ResultWriter writer = format.writer(body);
    SalvoException failure = null;
    try {
      writer.begin(rowType, first);
      Batch batch = first;
      while (batch != null) {
        writer.write(batch);
        writer.flush();
        try {
          batch = reader.next();
        } catch (RuntimeException e) {
          failure = SalvoException.wrap(e);
          batch = null;
        }
      }
      reader.close();
      if (failure != null) {
        LOG.warn("Query {} failed after its first rows were sent: {} {}",
            reader.query().id(), failure.code(), failure.getMessage());
        if (!writer.reportsLateErrors()) {
          writer.flush();
          callback.failed(failure);
          return;
        }
      }
      writer.warnings(reader.query().warnings());
      writer.end(failure);
      body.close();
      callback.succeeded();
    } catch (IOException e) {
      reader.close();
      LOG.warn("Could not finish sending the result of query {}, the client may have gone: {}",
          reader.query().id(), e.toString());
      onClientGone.run();
      callback.failed(e);
    } catch (RuntimeException e) {
      reader.close();
      LOG.error("Could not finish sending the result of query {}", reader.query().id(), e);
      onClientGone.run();
      callback.failed(e);
    }
  }

  static void sendError(Response response, Callback callback, RuntimeException e)
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
