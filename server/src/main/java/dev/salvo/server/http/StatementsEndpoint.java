package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.DurationText;
import dev.salvo.server.query.ManagedQuery;
import dev.salvo.server.query.PageResult;
import dev.salvo.server.query.QueryInfo;
import dev.salvo.server.query.QueryManager;
import dev.salvo.server.query.QueryManager.PlanningFailedException;
import dev.salvo.server.query.QueryManager.Submission;
import dev.salvo.server.query.QueryRequest;
import dev.salvo.server.query.ResultReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query lifecycle: {@code POST /v1/statements} submits and answers at once;
 * {@code GET /v1/statements/{id}} reports the state and progress, and with {@code ?token=n} hands
 * out result page n (waiting up to {@code maxWait} for rows); {@code DELETE} cancels;
 * {@code GET /v1/statements/{id}/result} streams the rows not yet handed out, in the format the
 * {@code Accept} header asks for.
 *
 * <p>Page requests do not hold a thread while they wait: they finish when rows arrive or the wait
 * ends.
 */
final class StatementsEndpoint {
  static final String PATH = "/v1/statements";
  /** Names the query on every response that concerns one. */
  static final String QUERY_ID_HEADER = "X-Salvo-Query-Id";

  private static final Logger LOG = LoggerFactory.getLogger(StatementsEndpoint.class);
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final QueryManager manager;
  private final StatementRequestReader requestReader;

  StatementsEndpoint(QueryManager manager, long maxRequestBytes) {
    this.manager = manager;
    this.requestReader = new StatementRequestReader(maxRequestBytes);
  }

  /** {@code POST /v1/statements}. */
  void submit(Request request, Response response, Callback callback) throws IOException {
    QueryRequest statement;
    try {
      statement = requestReader.read(request, true);
    } catch (IOException e) {
      LOG.debug("Could not read a statement request: {}", e.toString());
      callback.failed(e);
      return;
    }
    Submission submission;
    try {
      submission = manager.submit(statement);
    } catch (PlanningFailedException e) {
      JsonResponses.sendError(response, callback, e, e.query().id());
      return;
    }
    ManagedQuery query = submission.query();
    Uris uris = new Uris(request, query.id());
    if (submission.created()) {
      response.getHeaders().put(HttpHeader.LOCATION, uris.info());
    }
    sendStatus(response, callback, submission.created() ? 201 : 200, query, uris, null, false);
  }

  /** {@code GET /v1/statements/{id}}, with or without {@code ?token=}. */
  void get(Request request, Response response, Callback callback, String id)
      throws IOException {
    ManagedQuery query = manager.get(id);
    Fields parameters = Request.extractQueryParameters(request);
    String tokenText = parameters.getValue("token");
    Uris uris = new Uris(request, id);
    if (tokenText == null) {
      query.touch();
      sendStatus(response, callback, 200, query, uris, null, true);
      return;
    }
    long token = token(tokenText);
    Duration maxWait = maxWait(parameters.getValue("maxWait"));
    manager.fetchPage(query, token, maxWait).whenComplete((page, failure) -> {
      try {
        if (failure != null) {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          SalvoException error = SalvoException.wrap(cause);
          if (error.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.error("Could not answer a page request of query {}", id, cause);
          }
          JsonResponses.sendError(response, callback, error);
        } else {
          sendStatus(response, callback, 200, query, uris, page, false);
        }
      } catch (Throwable t) {
        callback.failed(t);
      }
    });
  }

  /** {@code DELETE /v1/statements/{id}}. */
  void cancel(Request request, Response response, Callback callback, String id)
      throws IOException {
    ManagedQuery query = manager.cancel(id);
    sendStatus(response, callback, 200, query, new Uris(request, id), null, true);
  }

  /** {@code GET /v1/statements/{id}/result}. */
  void result(Request request, Response response, Callback callback, String id)
      throws IOException {
    ManagedQuery query = manager.get(id);
    ResultFormat format = ResultFormat.negotiate(request.getHeaders().get(HttpHeader.ACCEPT));
    if (query.rowType() == null) {
      // Planning failed: there never was a result.
      JsonResponses.sendError(response, callback, query.error(), id);
      return;
    }
    ResultReader reader = query.openReader();
    response.getHeaders().put(QUERY_ID_HEADER, id);
    // A client that stops reading leaves the query to its other requests or to the timeout.
    ResultStreaming.stream(request, response, callback, reader, query.rowType(), format,
        () -> { });
  }

  private static long token(String text) {
    try {
      long token = Long.parseLong(text.trim());
      if (token >= 0) {
        return token;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new RequestRejectedException(ErrorResponses.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
        "Invalid page token '" + text + "': expected a whole number from 0");
  }

  private static Duration maxWait(String text) {
    if (text == null) {
      return DEFAULT_WAIT;
    }
    Optional<Duration> wait = DurationText.parse(text);
    if (wait.isEmpty() || wait.get().compareTo(MAX_WAIT) > 0) {
      throw new RequestRejectedException(ErrorResponses.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT,
          "Invalid maxWait '" + text + "': expected a duration such as 0s, 500ms or 5s, at most "
              + DurationText.format(MAX_WAIT));
    }
    return wait.get();
  }

  /**
   * Sends the query's status document, with the rows of {@code page} when given.
   *
   * @param details whether to include the statement's text and properties
   */
  private static void sendStatus(Response response, Callback callback, int status,
      ManagedQuery query, Uris uris, PageResult page, boolean details) throws IOException {
    QueryInfo info = query.info();
    boolean hasMore = page != null ? page.hasMore() : query.hasMoreResults();
    long nextToken = page != null ? page.nextToken() : query.nextToken();
    response.getHeaders().put(QUERY_ID_HEADER, query.id());
    JsonResponses.send(response, callback, status, json -> {
      json.writeStartObject();
      json.writeStringField("id", info.id());
      json.writeStringField("state", info.state().name());
      json.writeStringField("infoUri", uris.info());
      if (hasMore) {
        json.writeStringField("nextUri", uris.page(nextToken));
      }
      if (info.rowType() != null) {
        json.writeStringField("resultUri", uris.result());
        JsonResultWriter.writeColumns(json, info.rowType());
      }
      if (page != null && page.page() != null) {
        json.writeFieldName("data");
        json.writeRawValue(new String(page.page().data(), StandardCharsets.UTF_8));
      }
      JsonResultWriter.writeWarnings(json, query.warnings());
      if (details) {
        json.writeStringField("user", info.user());
        json.writeStringField("sql", info.sql());
        if (!info.properties().isEmpty()) {
          json.writeObjectFieldStart("properties");
          for (Map.Entry<String, String> property : info.properties().entrySet()) {
            json.writeStringField(property.getKey(), property.getValue());
          }
          json.writeEndObject();
        }
      }
      writeTimes(json, info);
      writeProgress(json, info);
      if (info.resultsExpired()) {
        json.writeBooleanField("resultsExpired", true);
      }
      if (info.error() != null) {
        ErrorResponses.writeErrorMember(json, info.error());
      }
      json.writeEndObject();
    });
  }

  static void writeTimes(JsonGenerator json, QueryInfo info) throws IOException {
    writeInstant(json, "createdAt", info.createdAt());
    writeInstant(json, "startedAt", info.startedAt());
    writeInstant(json, "endedAt", info.endedAt());
  }

  private static void writeInstant(JsonGenerator json, String name, Instant instant)
      throws IOException {
    if (instant != null) {
      json.writeStringField(name, instant.toString());
    }
  }

  static void writeProgress(JsonGenerator json, QueryInfo info) throws IOException {
    json.writeObjectFieldStart("progress");
    json.writeNumberField("rows", info.outputRows());
    json.writeNumberField("batches", info.outputBatches());
    json.writeNumberField("bytes", info.outputBytes());
    json.writeNumberField("scannedRows", info.scannedRows());
    json.writeNumberField("splitsCompleted", info.splitsCompleted());
    json.writeNumberField("splitsTotal", info.splitsTotal());
    if (Double.isNaN(info.percent())) {
      json.writeNullField("percent");
    } else {
      json.writeNumberField("percent", Math.round(info.percent() * 10) / 10.0);
    }
    json.writeNumberField("queuedMillis", info.queuedMillis());
    json.writeNumberField("elapsedMillis", info.elapsedMillis());
    json.writeNumberField("memoryBytes", info.memoryBytes());
    json.writeNumberField("peakMemoryBytes", info.peakMemoryBytes());
    json.writeNumberField("udfCallsCompleted", info.udfCallsCompleted());
    json.writeNumberField("udfCallErrors", info.udfCallErrors());
    json.writeNumberField("udfCallsInFlight", info.udfCallsInFlight());
    json.writeEndObject();
  }

  /** The absolute addresses of one query's resources, on the host the client used. */
  static final class Uris {
    private final String base;

    Uris(Request request, String id) {
      HttpURI uri = request.getHttpURI();
      this.base = uri.getScheme() + "://" + uri.getAuthority() + PATH + "/" + id;
    }

    String info() {
      return base;
    }

    String page(long token) {
      return base + "?token=" + token;
    }

    String result() {
      return base + "/result";
    }
  }
}
