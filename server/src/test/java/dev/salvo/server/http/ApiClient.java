package dev.salvo.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A test client of the HTTP API: requests, JSON bodies, following a query to its end. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final URI base;
  private final HttpClient client = HttpClient.newHttpClient();

  public ApiClient(URI base) {
    this.base = base;
  }

  public HttpClient http() {
    return client;
  }

  public URI uri(String pathOrUri) {
    return base.resolve(pathOrUri);
  }

  /** Submits {@code body} (JSON when it starts with a brace, else SQL text). */
  public HttpResponse<String> submit(String body, String... headers) {
    return send(request("/v1/statements", headers).POST(BodyPublishers.ofString(body))
        .header("Content-Type", body.startsWith("{") ? "application/json" : "text/plain")
        .build());
  }

  public HttpResponse<String> get(String pathOrUri, String... headers) {
    return send(request(pathOrUri, headers).GET().build());
  }

  public HttpResponse<String> delete(String pathOrUri) {
    return send(request(pathOrUri).DELETE().build());
  }

  public HttpRequest.Builder request(String pathOrUri, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathOrUri))
        .timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /**
   * Follows {@code nextUri} from {@code status} until there is none, collecting every row;
   * returns the last status document with all rows in {@code data}.
   */
  public QueryOutcome follow(JsonNode status) {
    List<JsonNode> rows = new ArrayList<>();
    JsonNode current = status;
    while (current.hasNonNull("nextUri")) {
      HttpResponse<String> response = get(current.get("nextUri").asText());
      if (response.statusCode() != 200) {
        throw new AssertionError("Page request failed: " + response.statusCode() + " "
            + response.body());
      }
      current = json(response);
      if (current.has("data")) {
        current.get("data").forEach(rows::add);
      }
    }
    return new QueryOutcome(current, rows);
  }

  /** The last status of a query and every row its pages held. */
  public record QueryOutcome(JsonNode status, List<JsonNode> rows) {
    public String state() {
      return status.get("state").asText();
    }
  }

  /** Waits up to {@code timeout} for {@code condition}; false when it never held. */
  public static boolean await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
