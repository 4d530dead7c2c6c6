package dev.salvo.server.query;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.ByteSize;
import dev.salvo.sql.QueryOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The session properties a statement may carry, checked and turned into the engine's
 * {@link QueryOptions}. Only settings the engine honours per query are accepted; any other key is
 * refused with a message naming it, so that a misspelt property never goes unnoticed.
 */
public final class SessionProperties {
  public static final String PARALLELISM = "parallelism";
  public static final String BATCH_SIZE = "batch_size";
  public static final String QUERY_MAX_MEMORY = "query_max_memory";

  /** Every property with what it does, in the order documentation lists them. */
  public static final Map<String, String> DESCRIPTIONS = descriptions();

  private SessionProperties() {}

  /**
   * The options {@code properties} ask for, on top of the engine's defaults.
   *
   * @param maxQueryMemoryBytes the most memory a query may be given
   * @throws SalvoException INVALID_ARGUMENT naming the key for an unknown key or a bad value
   */
  public static QueryOptions toOptions(Map<String, String> properties, long maxQueryMemoryBytes) {
    QueryOptions options = QueryOptions.DEFAULTS;
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String key = property.getKey();
      String value = property.getValue() == null ? "" : property.getValue().trim();
      switch (key) {
        case PARALLELISM -> options = options.withParallelism(
            integer(key, value, 1, QueryOptions.MAX_PARALLELISM));
        case BATCH_SIZE -> options = options.withBatchSize(
            integer(key, value, 1, QueryOptions.MAX_BATCH_SIZE));
        case QUERY_MAX_MEMORY -> {
          OptionalLong bytes = ByteSize.parse(value);
          if (bytes.isEmpty() || bytes.getAsLong() < 1) {
            throw invalid(key, value, "a positive size such as 256MB or a number of bytes");
          }
          if (bytes.getAsLong() > maxQueryMemoryBytes) {
            throw invalid(key, value, "at most " + ByteSize.format(maxQueryMemoryBytes)
                + " (the server's query.max-memory)");
          }
          options = options.withMaxMemoryBytes(bytes.getAsLong());
        }
        default -> throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
            "Unknown session property '" + key + "'; known properties: "
                + String.join(", ", DESCRIPTIONS.keySet()));
      }
    }
    return options;
  }

  private static int integer(String key, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw invalid(key, value, "a whole number from " + min + " to " + max);
  }

  private static SalvoException invalid(String key, String value, String expected) {
    return new SalvoException(ErrorCode.INVALID_ARGUMENT, "Invalid value '" + value
        + "' for session property '" + key + "': expected " + expected);
  }

  private static Map<String, String> descriptions() {
    Map<String, String> descriptions = new LinkedHashMap<>();
    descriptions.put(PARALLELISM, "Drivers (threads) per pipeline, 1 to "
        + QueryOptions.MAX_PARALLELISM + "; default exec.parallelism.");
    descriptions.put(BATCH_SIZE, "Target rows per Arrow batch, 1 to "
        + QueryOptions.MAX_BATCH_SIZE + "; default exec.batch-size.");
    descriptions.put(QUERY_MAX_MEMORY, "Arrow memory the query may hold, a size such as 256MB;"
        + " at most, and by default, query.max-memory.");
    return Collections.unmodifiableMap(descriptions);
  }
}
