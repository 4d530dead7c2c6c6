package dev.salvo.server.config;

import java.util.Arrays;
import java.util.Optional;

/** Every key {@code salvo.properties} may set, with the built-in default used when it does not. */
public enum ConfigKey {
  HTTP_HOST("http.host", "127.0.0.1"),
  HTTP_PORT("http.port", "8080"),
  HTTP_MAX_REQUEST_BYTES("http.max-request-bytes", "1MB"),
  FLIGHT_PORT("flight.port", "32010"),
  DATA_DIR("data.dir", "data"),
  MEMORY_MAX("memory.max", ConfigKey.AUTO),
  QUERY_MAX_MEMORY("query.max-memory", ConfigKey.AUTO),
  EXEC_PARALLELISM("exec.parallelism", ConfigKey.AUTO),
  EXEC_BATCH_SIZE("exec.batch-size", "4096"),
  QUERY_MAX_RUNNING("query.max-running", "32"),
  QUERY_MAX_QUEUED("query.max-queued", "1000"),
  QUERY_RESULT_BUFFER_BYTES("query.result-buffer-bytes", "8MB"),
  QUERY_MAX_RESULT_BYTES("query.max-result-bytes", ConfigKey.NONE),
  QUERY_RESULT_EXPIRY("query.result-expiry", "15m"),
  QUERY_CLIENT_TIMEOUT("query.client-timeout", "5m"),
  QUERY_HISTORY_SIZE("query.history-size", "1000"),
  TPCH_SCHEMAS("tpch.schemas", "tiny=0.01,sf0_1=0.1,sf1=1"),
  CATALOG_STORE_URL("catalog.store.url", ""),
  CATALOG_STORE_USER("catalog.store.user", ""),
  CATALOG_STORE_PASSWORD("catalog.store.password", ""),
  CATALOG_STORE_POOL_SIZE("catalog.store.pool-size", "4"),
  RESOURCES_GPUS("resources.gpus", ConfigKey.AUTO);

  /** The value that asks Salvo to size a setting from the machine it runs on. */
  public static final String AUTO = "auto";
  /** The value that turns a limit off. */
  public static final String NONE = "none";

  private final String key;
  private final String defaultValue;

  ConfigKey(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  /** The key as written in the properties file and after {@code --set}. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(candidate -> candidate.key.equals(key)).findFirst();
  }

  @Override
  public String toString() {
    return key;
  }
}
