package dev.salvo.server.config;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.catalog.store.CatalogStoreConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the layers of configuration text into a checked {@link ServerConfig}. */
final class ServerConfigLoader {
  private static final String BUILT_IN = "built-in defaults";
  private static final String OVERRIDES = "--set";
  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final long MIN_AUTO_QUERY_MEMORY = 64L << 20;
  private static final long MIN_AUTO_TOTAL_MEMORY = 256L << 20;

  /** A key's winning value and where it came from, for error messages. */
  private record Setting(ConfigKey key, String value, String source) {}

  private final Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);

  ServerConfig load(Path file, Map<String, String> overrides) {
    for (ConfigKey key : ConfigKey.values()) {
      settings.put(key, new Setting(key, key.defaultValue(), BUILT_IN));
    }
    if (file != null) {
      String source = file.toString();
      readFile(file).forEach((key, value) -> apply(key, value, source));
    }
    overrides.forEach((key, value) -> apply(key, value, OVERRIDES));
    return build();
  }

  private static Map<String, String> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw invalid("Configuration file " + file + " does not exist or is not a file");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw invalid("Cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      entries.put(name, properties.getProperty(name));
    }
    return entries;
  }

  private void apply(String name, String value, String source) {
    ConfigKey key = ConfigKey.byKey(name.trim()).orElseThrow(() -> invalid(
        "Unknown configuration key '" + name + "' (from " + source + "); known keys: "
            + Arrays.stream(ConfigKey.values()).map(ConfigKey::key)
                .collect(Collectors.joining(", "))));
    settings.put(key, new Setting(key, value.trim(), source));
  }

  private ServerConfig build() {
    String host = settings.get(ConfigKey.HTTP_HOST).value();
    if (host.isEmpty()) {
      throw badValue(settings.get(ConfigKey.HTTP_HOST), "a host name or IP address");
    }
    int port = integer(ConfigKey.HTTP_PORT, 0, 65535);
    long maxRequestBytes = size(ConfigKey.HTTP_MAX_REQUEST_BYTES);
    int flightPort = integer(ConfigKey.FLIGHT_PORT, 0, 65535);
    Path dataDirectory = path(ConfigKey.DATA_DIR);
    long memoryMax = autoSize(ConfigKey.MEMORY_MAX,
        Math.max(Runtime.getRuntime().maxMemory(), MIN_AUTO_TOTAL_MEMORY));
    long queryMaxMemory = autoSize(ConfigKey.QUERY_MAX_MEMORY,
        Math.min(memoryMax, Math.max(memoryMax / 4, MIN_AUTO_QUERY_MEMORY)));
    if (queryMaxMemory > memoryMax) {
      Setting query = settings.get(ConfigKey.QUERY_MAX_MEMORY);
      Setting total = settings.get(ConfigKey.MEMORY_MAX);
      throw invalid("query.max-memory (" + query.value() + ", from " + query.source()
          + ") is larger than memory.max (" + total.value() + ", from " + total.source()
          + "); one query cannot use more than all of them together");
    }
    int parallelism = isAuto(ConfigKey.EXEC_PARALLELISM)
        ? Runtime.getRuntime().availableProcessors()
        : integer(ConfigKey.EXEC_PARALLELISM, 1, 4096);
    int batchSize = integer(ConfigKey.EXEC_BATCH_SIZE, 1, 1 << 20);
    Map<String, Double> tpchSchemas = tpchSchemas(settings.get(ConfigKey.TPCH_SCHEMAS));
    ServerConfig.QueryLimits queryLimits = new ServerConfig.QueryLimits(
        integer(ConfigKey.QUERY_MAX_RUNNING, 1, 100_000),
        integer(ConfigKey.QUERY_MAX_QUEUED, 0, 1_000_000),
        size(ConfigKey.QUERY_RESULT_BUFFER_BYTES),
        noneOrSize(ConfigKey.QUERY_MAX_RESULT_BYTES),
        duration(ConfigKey.QUERY_RESULT_EXPIRY),
        duration(ConfigKey.QUERY_CLIENT_TIMEOUT),
        integer(ConfigKey.QUERY_HISTORY_SIZE, 0, 1_000_000));
    String storeUrl = settings.get(ConfigKey.CATALOG_STORE_URL).value();
    int storePoolSize = integer(ConfigKey.CATALOG_STORE_POOL_SIZE, 1, 256);
    CatalogStoreConfig catalogStore = storeUrl.isEmpty() ? null
        : new CatalogStoreConfig(storeUrl, settings.get(ConfigKey.CATALOG_STORE_USER).value(),
            settings.get(ConfigKey.CATALOG_STORE_PASSWORD).value(), storePoolSize);
    return new ServerConfig(host, port, maxRequestBytes, dataDirectory, memoryMax,
        queryMaxMemory, parallelism, batchSize, tpchSchemas, flightPort, catalogStore,
        gpuInventory(), queryLimits);
  }

  private String gpuInventory() {
    if (isAuto(ConfigKey.RESOURCES_GPUS)) {
      return ConfigKey.AUTO;
    }
    Setting setting = settings.get(ConfigKey.RESOURCES_GPUS);
    String expected = "'auto' or a whole number of GPUs, 0 or more";
    try {
      int gpus = Integer.parseInt(setting.value());
      if (gpus < 0) {
        throw badValue(setting, expected);
      }
      return String.valueOf(gpus);
    } catch (NumberFormatException e) {
      throw badValue(setting, expected);
    }
  }

  /** A size, or 0 for 'none'. */
  private long noneOrSize(ConfigKey key) {
    Setting setting = settings.get(key);
    if (setting.value().equalsIgnoreCase(ConfigKey.NONE)) {
      return 0;
    }
    OptionalLong bytes = ByteSize.parse(setting.value());
    if (bytes.isEmpty() || bytes.getAsLong() < 1) {
      throw badValue(setting,
          "'none' or a positive size such as 512MB, 4GB or a number of bytes");
    }
    return bytes.getAsLong();
  }

  private Duration duration(ConfigKey key) {
    Setting setting = settings.get(key);
    Optional<Duration> duration = DurationText.parse(setting.value());
    if (duration.isEmpty() || duration.get().isZero()) {
      throw badValue(setting, "a positive duration such as 500ms, 30s, 15m, 2h or 1d");
    }
    return duration.get();
  }

  private boolean isAuto(ConfigKey key) {
    return settings.get(key).value().equalsIgnoreCase(ConfigKey.AUTO);
  }

  private int integer(ConfigKey key, int min, int max) {
    Setting setting = settings.get(key);
    String expected = "a whole number from " + min + " to " + max;
    try {
      int value = Integer.parseInt(setting.value());
      if (value < min || value > max) {
        throw badValue(setting, expected);
      }
      return value;
    } catch (NumberFormatException e) {
      throw badValue(setting, expected);
    }
  }

  private long size(ConfigKey key) {
    Setting setting = settings.get(key);
    OptionalLong bytes = ByteSize.parse(setting.value());
    if (bytes.isEmpty() || bytes.getAsLong() < 1) {
      throw badValue(setting, "a positive size such as 512MB, 4GB or a number of bytes");
    }
    return bytes.getAsLong();
  }

  private long autoSize(ConfigKey key, long automatic) {
    if (isAuto(key)) {
      return automatic;
    }
    Setting setting = settings.get(key);
    OptionalLong bytes = ByteSize.parse(setting.value());
    if (bytes.isEmpty() || bytes.getAsLong() < 1) {
      throw badValue(setting,
          "'auto' or a positive size such as 512MB, 4GB or a number of bytes");
    }
    return bytes.getAsLong();
  }

  private Path path(ConfigKey key) {
    Setting setting = settings.get(key);
    try {
      if (setting.value().isEmpty()) {
        throw badValue(setting, "a directory path");
      }
      return Path.of(setting.value());
    } catch (InvalidPathException e) {
      throw badValue(setting, "a directory path (" + e.getReason() + ")");
    }
  }

  private static Map<String, Double> tpchSchemas(Setting setting) {
    String expected = "comma-separated name=scale pairs such as tiny=0.01,sf1=1";
    Map<String, Double> schemas = new LinkedHashMap<>();
    if (setting.value().isEmpty()) {
      return schemas;
    }
    for (String entry : setting.value().split(",", -1)) {
      String[] parts = entry.split("=", -1);
      if (parts.length != 2) {
        throw badValue(setting, expected);
      }
      String name = parts[0].trim();
      if (!SCHEMA_NAME.matcher(name).matches()) {
        throw badValue(setting, expected + "; '" + name + "' is not a valid schema name");
      }
      double scale;
      try {
        scale = Double.parseDouble(parts[1].trim());
      } catch (NumberFormatException e) {
        throw badValue(setting, expected + "; '" + parts[1].trim() + "' is not a number");
      }
      if (!(scale > 0) || Double.isInfinite(scale)) {
        throw badValue(setting, expected + "; the scale of " + name + " must be positive");
      }
      if (schemas.put(name, scale) != null) {
        throw badValue(setting, expected + "; schema " + name + " appears twice");
      }
    }
    return schemas;
  }

  private static SalvoException badValue(Setting setting, String expected) {
    return invalid("Invalid value '" + setting.value() + "' for " + setting.key().key()
        + " (from " + setting.source() + "): expected " + expected);
  }

  private static SalvoException invalid(String message) {
    return new SalvoException(ErrorCode.INVALID_CONFIGURATION, message);
  }
}
