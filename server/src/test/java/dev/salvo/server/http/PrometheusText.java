package dev.salvo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Prometheus text format strictly enough to catch malformed output. */
final class PrometheusText {
  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+");
  private static final Pattern TYPE = Pattern.compile(
      "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\""
          + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (\\S+)");

  private PrometheusText() {}

  /**
   * Every sample, keyed by its name and labels as written, after checking each line's syntax,
   * that every metric has its TYPE before its samples, and that histogram buckets only grow.
   */
  static Map<String, Double> parse(String text) {
    assertTrue(text.endsWith("\n"), "The exposition must end with a line feed");
    Map<String, Double> samples = new LinkedHashMap<>();
    Map<String, String> types = new HashMap<>();
    Set<String> helped = new HashSet<>();
    Map<String, Double> lastBucket = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher help = HELP.matcher(line);
      Matcher type = TYPE.matcher(line);
      Matcher sample = SAMPLE.matcher(line);
      if (help.matches()) {
        assertTrue(helped.add(help.group(1)), "Two HELP lines for " + help.group(1));
      } else if (type.matches()) {
        assertTrue(types.put(type.group(1), type.group(2)) == null,
            "Two TYPE lines for " + type.group(1));
      } else if (sample.matches()) {
        String name = sample.group(1);
        String family = name.replaceFirst("_(bucket|sum|count)$", "");
        assertTrue(types.containsKey(name) || "histogram".equals(types.get(family)),
            "No TYPE before " + line);
        double value = sample.group(3).equals("+Inf") ? Double.POSITIVE_INFINITY
            : Double.parseDouble(sample.group(3));
        String key = name + (sample.group(2) == null ? "" : sample.group(2));
        assertTrue(samples.put(key, value) == null, "Duplicate sample " + key);
        if (name.endsWith("_bucket")) {
          Double previous = lastBucket.put(family, value);
          assertTrue(previous == null || previous <= value, "Buckets must grow: " + line);
        }
      } else {
        throw new AssertionError("Not a Prometheus text line: '" + line + "'");
      }
    }
    for (Map.Entry<String, String> metric : types.entrySet()) {
      if (metric.getValue().equals("histogram")) {
        String name = metric.getKey();
        assertEquals(samples.get(name + "_count"), samples.get(name + "_bucket{le=\"+Inf\"}"),
            "The +Inf bucket of " + name + " must equal its count");
      }
    }
    return samples;
  }
}
