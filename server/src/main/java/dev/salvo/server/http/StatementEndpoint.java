package dev.salvo.server.http;

import dev.salvo.server.query.ManagedQuery;
import dev.salvo.server.query.QueryManager;
import dev.salvo.server.query.QueryManager.PlanningFailedException;
import dev.salvo.server.query.QueryRequest;
import dev.salvo.server.query.ResultReader;
import java.io.IOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/statement}: runs the SQL in the request body and streams the whole result in
 * the response (JSON, or Arrow or CSV as the {@code Accept} header asks). The statement is an
 * ordinary query of the {@link QueryManager}: it counts against the running and queue limits,
 * shows in listings, and is cancelled when the client goes away.
 */
final class StatementEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(StatementEndpoint.class);

  private final QueryManager manager;
  private final StatementRequestReader requestReader;

  StatementEndpoint(QueryManager manager, long maxRequestBytes) {
    this.manager = manager;
    this.requestReader = new StatementRequestReader(maxRequestBytes);
  }

  void handle(Request request, Response response, Callback callback) throws IOException {
    QueryRequest statement;
    ResultFormat format;
    try {
      statement = requestReader.read(request, false);
      format = ResultFormat.negotiate(request.getHeaders().get(HttpHeader.ACCEPT));
    } catch (IOException e) {
      // The client went away while sending its statement: nobody is left to answer.
      LOG.debug("Could not read a statement request: {}", e.toString());
      callback.failed(e);
      return;
    } catch (RuntimeException e) {
      ResultStreaming.sendError(response, callback, e);
      return;
    }
    ManagedQuery query;
    ResultReader reader;
    try {
      LOG.debug("Statement: {}", statement.sql());
      query = manager.submit(statement).query();
      reader = query.openReader();
    } catch (PlanningFailedException e) {
      JsonResponses.sendError(response, callback, e, e.query().id());
      return;
    } catch (RuntimeException e) {
      ResultStreaming.sendError(response, callback, e);
      return;
    }
    response.getHeaders().put(StatementsEndpoint.QUERY_ID_HEADER, query.id());
    ResultStreaming.stream(request, response, callback, reader, query.rowType(), format,
        () -> manager.abandon(query));
  }
}
