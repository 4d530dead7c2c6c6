package dev.salvo.udf.catalog;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The execution options of a function ({@code CREATE FUNCTION ... WITH (...)}), validated.
 *
 * @param batchSize most rows one call receives; 0 means no limit (the caller's batch)
 * @param maxConcurrency server-wide cap on live instances (stateful classes) or in-flight calls
 *     (stateless and async functions); 0 means no explicit cap
 * @param gpus GPUs each instance needs; fractions below 1 share a device, above 1 must be whole
 * @param useProcess run instances in supervised worker JVMs
 * @param maxRetries retries of a failed call, with exponential backoff and jitter
 * @param onError what a row that still fails becomes
 * @param timeout longest one call may run, or null for no limit
 * @param idleTimeout how long an unused instance stays warm before it is closed
 * @param retryBackoff the first retry's delay; each further retry doubles it
 */
public record UdfOptions(int batchSize, int maxConcurrency, double gpus, boolean useProcess,
    int maxRetries, OnErrorPolicy onError, Duration timeout, Duration idleTimeout,
    Duration retryBackoff) {

  /** Options when a function gives none. */
  public static final UdfOptions DEFAULTS = new UdfOptions(0, 0, 0, false, 0,
      OnErrorPolicy.RAISE, null, Duration.ofSeconds(60), Duration.ofMillis(100));

  private static final Set<String> KEYS = Set.of("batch_size", "max_concurrency", "gpus",
      "use_process", "max_retries", "on_error", "timeout", "idle_timeout", "retry_backoff");
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  public UdfOptions {
    if (batchSize < 0 || maxConcurrency < 0 || maxRetries < 0 || gpus < 0) {
      throw invalid("batch_size, max_concurrency, max_retries and gpus must not be negative");
    }
    if (gpus > 1 && gpus != Math.floor(gpus)) {
      throw invalid("gpus above 1 must be a whole number, got " + gpus);
    }
  }

  /**
   * Parses {@code WITH (...)} options; keys are case-insensitive, values are their SQL literal
   * text (numbers, {@code true}/{@code false}, strings, durations such as {@code '500ms'},
   * {@code '30s'}, {@code '5m'} or a plain number of seconds).
   *
   * @throws SalvoException INVALID_FUNCTION_OPTION naming the key for an unknown key, a value of
   *     the wrong type or a negative number
   */
  public static UdfOptions parse(Map<String, String> options) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : options.entrySet()) {
      String key = entry.getKey().trim().toLowerCase(Locale.ROOT);
      if (!KEYS.contains(key)) {
        throw invalid("Unknown function option '" + entry.getKey() + "'; known options: "
            + String.join(", ", KEYS.stream().sorted().toList()));
      }
      if (entry.getValue() == null) {
        throw invalid("Function option '" + key + "' needs a value");
      }
      values.put(key, entry.getValue().trim());
    }
    UdfOptions d = DEFAULTS;
    return new UdfOptions(
        intOption(values, "batch_size", d.batchSize()),
        intOption(values, "max_concurrency", d.maxConcurrency()),
        gpuOption(values),
        booleanOption(values, "use_process", d.useProcess()),
        intOption(values, "max_retries", d.maxRetries()),
        onErrorOption(values),
        durationOption(values, "timeout", d.timeout()),
        durationOption(values, "idle_timeout", d.idleTimeout()),
        durationOption(values, "retry_backoff", d.retryBackoff()));
  }

  /** The explicit cap, if one was given. */
  public OptionalInt concurrencyCap() {
    return maxConcurrency == 0 ? OptionalInt.empty() : OptionalInt.of(maxConcurrency);
  }

  private static int intOption(Map<String, String> values, String key, int fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalid("Function option '" + key + "' must be a whole number, got '" + text + "'");
    }
    if (value < 0) {
      throw invalid("Function option '" + key + "' must not be negative, got " + value);
    }
    return value;
  }

  private static double gpuOption(Map<String, String> values) {
    String text = values.get("gpus");
    if (text == null) {
      return 0;
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw invalid("Function option 'gpus' must be a number, got '" + text + "'");
    }
    if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      throw invalid("Function option 'gpus' must not be negative, got " + text);
    }
    return value;
  }

  private static boolean booleanOption(Map<String, String> values, String key, boolean fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(
          "Function option '" + key + "' must be true or false, got '" + text + "'");
    };
  }

  private static OnErrorPolicy onErrorOption(Map<String, String> values) {
    String text = values.get("on_error");
    if (text == null) {
      return DEFAULTS.onError();
    }
    try {
      return OnErrorPolicy.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          "Function option 'on_error' must be 'raise', 'log' or 'ignore', got '" + text + "'");
    }
  }

  private static Duration durationOption(Map<String, String> values, String key,
      Duration fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    if (text.startsWith("-")) {
      throw invalid("Function option '" + key + "' must not be negative, got '" + text + "'");
    }
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw invalid("Function option '" + key
          + "' must be a duration such as '500ms', '30s', '5m' or a number of seconds, got '"
          + text + "'");
    }
    double amount = Double.parseDouble(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
    double millis = switch (unit) {
      case "ms" -> amount;
      case "m" -> amount * 60_000;
      case "h" -> amount * 3_600_000;
      default -> amount * 1000;
    };
    return Duration.ofMillis(Math.round(millis));
  }

  private static SalvoException invalid(String message) {
    return new SalvoException(ErrorCode.INVALID_FUNCTION_OPTION, message);
  }
}
