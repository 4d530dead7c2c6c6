package dev.salvo.server.http;

import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.server.query.LatencyHistogram;
import dev.salvo.server.query.QueryManager;
import dev.salvo.server.query.QueryState;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: the server's counters in the Prometheus text exposition format (version
 * 0.0.4). The format is a few lines of text per metric, so Salvo writes it itself rather than
 * pull in a client library and its registry for a dozen values it already counts.
 */
final class MetricsEndpoint {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final QueryManager manager;
  private final long memoryMaxBytes;
  private final long startNanos = System.nanoTime();

  MetricsEndpoint(QueryManager manager, long memoryMaxBytes) {
    this.manager = manager;
    this.memoryMaxBytes = memoryMaxBytes;
  }

  void handle(Response response, Callback callback) {
    JsonResponses.sendBytes(response, callback, 200, CONTENT_TYPE,
        render().getBytes(StandardCharsets.UTF_8));
  }

  String render() {
    QueryManager.Metrics metrics = manager.metrics();
    StringBuilder out = new StringBuilder(4096);
    header(out, "salvo_queries", "gauge", "Queries queued or running now, by state.");
    sample(out, "salvo_queries", "state", "queued", metrics.queued());
    sample(out, "salvo_queries", "state", "running", metrics.running());
    header(out, "salvo_queries_ended_total", "counter",
        "Queries that ended since the server started, by final state.");
    for (Map.Entry<QueryState, Long> ended : metrics.ended().entrySet()) {
      sample(out, "salvo_queries_ended_total", "state",
          ended.getKey().name().toLowerCase(Locale.ROOT), ended.getValue());
    }
    counter(out, "salvo_queries_submitted_total",
        "Queries accepted since the server started (including those that failed planning).",
        metrics.submitted());
    counter(out, "salvo_queries_rejected_total",
        "Submissions refused because every running and queue slot was taken.",
        metrics.rejected());

    LatencyHistogram.Snapshot latency = metrics.latency();
    String histogram = "salvo_query_duration_seconds";
    header(out, histogram, "histogram",
        "Time from submission to the end of the queries that ended.");
    for (int i = 0; i < LatencyHistogram.BOUNDS.length; i++) {
      sample(out, histogram + "_bucket", "le", Double.toString(LatencyHistogram.BOUNDS[i]),
          latency.cumulativeCounts()[i]);
    }
    sample(out, histogram + "_bucket", "le", "+Inf", latency.count());
    out.append(histogram).append("_sum ").append(number(latency.sum())).append('\n');
    out.append(histogram).append("_count ").append(latency.count()).append('\n');

    QueryProgress totals = metrics.totals();
    counter(out, "salvo_result_rows_total", "Result rows produced by all queries.",
        totals.outputRows());
    counter(out, "salvo_result_bytes_total", "Arrow bytes of results produced by all queries.",
        totals.outputBytes());
    counter(out, "salvo_scanned_rows_total", "Rows read from tables by all queries.",
        totals.scannedRows());
    counter(out, "salvo_udf_calls_total", "UDF calls (batches of at most"
        + " batch_size rows handed to an instance) that returned, over all queries.", totals.udfCallsCompleted());
    counter(out, "salvo_udf_call_errors_total", "UDF calls that failed, retried ones"
        + " included, over all queries.", totals.udfCallErrors());
    header(out, "salvo_udf_calls_in_flight", "gauge",
        "UDF calls under way in running queries.");
    out.append("salvo_udf_calls_in_flight ").append(totals.udfCallsInFlight()).append('\n');

    header(out, "salvo_memory_allocated_bytes", "gauge",
        "Arrow memory all queries hold now, buffered results included.");
    out.append("salvo_memory_allocated_bytes ").append(metrics.memoryBytes()).append('\n');
    header(out, "salvo_memory_max_bytes", "gauge",
        "Arrow memory all queries may hold together (memory.max).");
    out.append("salvo_memory_max_bytes ").append(memoryMaxBytes).append('\n');
    header(out, "salvo_uptime_seconds", "gauge", "Seconds since the server started.");
    out.append("salvo_uptime_seconds ")
        .append(number((System.nanoTime() - startNanos) / 1e9)).append('\n');
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    header(out, name, "counter", help);
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void sample(StringBuilder out, String name, String label, String value,
      long sample) {
    out.append(name).append('{').append(label).append("=\"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
        .append("\"} ").append(sample).append('\n');
  }

  private static String number(double value) {
    return Double.toString(value);
  }
}
