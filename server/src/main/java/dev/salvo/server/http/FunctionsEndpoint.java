package dev.salvo.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.salvo.server.query.QueryManager;
import dev.salvo.sql.FunctionInfo;
import dev.salvo.sql.function.JavaFunction;
import dev.salvo.sql.function.RegisteredFunction;
import dev.salvo.sql.function.SqlBodiedFunction;
import dev.salvo.udf.catalog.FunctionDefinition;
import dev.salvo.udf.catalog.UdfOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v1/functions}: the named SQL functions statements can call, the built-in ones
 * first, then those created with {@code CREATE FUNCTION} with their definition and options.
 */
final class FunctionsEndpoint {
  static final String PATH = "/v1/functions";

  private final QueryManager manager;

  FunctionsEndpoint(QueryManager manager) {
    this.manager = manager;
  }

  void handle(Response response, Callback callback) throws IOException {
    JsonResponses.send(response, callback, 200, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("functions");
      for (FunctionInfo function : manager.functions()) {
        json.writeStartObject();
        json.writeStringField("name", function.name());
        json.writeStringField("kind", function.kind().name());
        json.writeBooleanField("builtIn", true);
        json.writeStringField("signature", function.signature());
        json.writeStringField("description", function.description());
        json.writeStringField("example", function.example());
        json.writeEndObject();
      }
      for (RegisteredFunction function : manager.userFunctions()) {
        writeUserFunction(json, function);
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static void writeUserFunction(JsonGenerator json, RegisteredFunction function)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("name", function.name());
    // Every user-defined function maps a row's arguments to one value.
    json.writeStringField("kind", FunctionInfo.Kind.SCALAR.name());
    json.writeBooleanField("builtIn", false);
    json.writeStringField("signature", function.signature());
    json.writeStringField("returnType", function.returnType().sqlName());
    json.writeStringField("language", function.language());
    json.writeObjectFieldStart("implementation");
    if (function instanceof JavaFunction java) {
      FunctionDefinition definition = java.definition();
      json.writeStringField("className", definition.className());
      json.writeStringField("methodName", definition.methodName());
      json.writeArrayFieldStart("jars");
      for (var jar : definition.jars()) {
        json.writeString(jar.toString());
      }
      json.writeEndArray();
    } else if (function instanceof SqlBodiedFunction sql) {
      json.writeStringField("body", sql.body());
    }
    json.writeEndObject();
    if (function instanceof JavaFunction java) {
      writeOptions(json, java.definition().options());
    }
    json.writeStringField("createdAt", function.createdAt().toString());
    json.writeStringField("definition", function.statement());
    json.writeEndObject();
  }

  /**
   * The options in force, defaults included, keyed and valued as {@code WITH (...)} takes them,
   * so that a listed function can be re-created from what this shows.
   */
  private static void writeOptions(JsonGenerator json, UdfOptions options) throws IOException {
    json.writeObjectFieldStart("options");
    json.writeNumberField("batch_size", options.batchSize());
    json.writeNumberField("max_concurrency", options.maxConcurrency());
    json.writeNumberField("gpus", options.gpus());
    json.writeBooleanField("use_process", options.useProcess());
    json.writeNumberField("max_retries", options.maxRetries());
    json.writeStringField("on_error", options.onError().name().toLowerCase(Locale.ROOT));
    if (options.timeout() == null) {
      json.writeNullField("timeout");
    } else {
      json.writeStringField("timeout", durationText(options.timeout()));
    }
    json.writeStringField("idle_timeout", durationText(options.idleTimeout()));
    json.writeStringField("retry_backoff", durationText(options.retryBackoff()));
    json.writeEndObject();
  }

  /** The largest whole unit among those {@code WITH} durations accept: h, m, s, ms. */
  private static String durationText(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis != 0 && millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
