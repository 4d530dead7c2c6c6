package dev.salvo.sql.session;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.catalog.DefaultSchema;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a session can change with {@code SET name = value}: each knows its name, what it
 * means, its default (from the engine's configuration) and how to read a value.
 */
public enum SessionSetting {
  /*
   * Catalog comes before schema: clients that send both at once (session properties) mean the
   * schema in that catalog, and a change of catalog also changes the schema (see
   * SessionSettings).
   */
  CATALOG("catalog", "Catalog that names without a catalog resolve in") {
    @Override
    Object parse(String text, EngineConfig config) {
      String catalog = text.trim();
      if (catalog.isEmpty() || catalog.contains(".")) {
        throw invalid("expected a catalog name such as 'tpch', got '" + text + "'");
      }
      return catalog;
    }

    @Override
    Object defaultValue(EngineConfig config) {
      return DefaultSchema.USER_MAIN.catalog();
    }
  },
  SCHEMA("schema", "Schema of that catalog that names without a schema resolve in;"
      + " empty for none") {
    /** The schema alone; SessionSettings reads a qualified 'catalog.schema' before this. */
    @Override
    Object parse(String text, EngineConfig config) {
      return text.trim();
    }

    @Override
    Object defaultValue(EngineConfig config) {
      return DefaultSchema.USER_MAIN.schema();
    }
  },
  RUNNER("runner", "Where queries run: native (this machine)") {
    @Override
    Object parse(String text, EngineConfig config) {
      String runner = text.trim().toLowerCase(Locale.ROOT);
      if (runner.equals("native")) {
        return runner;
      }
      if (runner.equals("distributed")) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED, "The distributed runner is not"
            + " available yet; runner can only be 'native'");
      }
      throw invalid("'" + text + "' is no runner; use 'native'");
    }

    @Override
    Object defaultValue(EngineConfig config) {
      return "native";
    }
  },
  BATCH_SIZE("batch_size", "Target rows per batch that operators produce") {
    @Override
    Object parse(String text, EngineConfig config) {
      return parseWhole(text, 1, MAX_BATCH_SIZE);
    }

    @Override
    Object defaultValue(EngineConfig config) {
      return config.batchSize();
    }
  },
  PARALLELISM("parallelism", "Drivers each pipeline of a query runs") {
    @Override
    Object parse(String text, EngineConfig config) {
      return parseWhole(text, 1, MAX_PARALLELISM);
    }

    @Override
    Object defaultValue(EngineConfig config) {
      return config.parallelism();
    }
  },
  QUERY_MAX_MEMORY("query_max_memory",
      "Arrow memory one query may hold (512MB, 4GB, ...); a query needing more fails") {
    @Override
    Object parse(String text, EngineConfig config) {
      long bytes = parseSize(text);
      if (bytes < MIN_QUERY_MEMORY || bytes > config.maxMemoryBytes()) {
        throw invalid("query_max_memory must be between " + formatSize(MIN_QUERY_MEMORY)
            + " and the server's memory.max of " + formatSize(config.maxMemoryBytes())
            + ", got " + text.trim());
      }
      return bytes;
    }

    @Override
    Object defaultValue(EngineConfig config) {
      return config.queryMaxMemoryBytes();
    }

    @Override
    String format(Object value) {
      return formatSize((Long) value);
    }
  };

  private static final int MAX_BATCH_SIZE = 1 << 20;
  private static final int MAX_PARALLELISM = 1024;
  /** Below this a query cannot hold even one batch of a narrow table. */
  private static final long MIN_QUERY_MEMORY = 64 << 10;
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(?:([KMGT])I?B?|B)?", Pattern.CASE_INSENSITIVE);

  private final String settingName;
  private final String description;

  SessionSetting(String settingName, String description) {
    this.settingName = settingName;
    this.description = description;
  }

  /** The name SQL uses: lower case, with underscores. */
  public String settingName() {
    return settingName;
  }

  public String description() {
    return description;
  }

  /**
   * The setting called {@code name}, in any letter case.
   *
   * @throws SalvoException UNKNOWN_SETTING naming the settings that exist
   */
  public static SessionSetting named(String name) {
    for (SessionSetting setting : values()) {
      if (setting.settingName.equalsIgnoreCase(name.trim())) {
        return setting;
      }
    }
    throw new SalvoException(ErrorCode.UNKNOWN_SETTING, "Unknown session setting '" + name
        + "'; the settings are " + Arrays.stream(values()).map(SessionSetting::settingName)
            .toList());
  }

  /**
   * Reads a value as SQL or a client wrote it.
   *
   * @throws SalvoException INVALID_SETTING_VALUE naming the setting and what it accepts;
   *     NOT_SUPPORTED for a runner that exists only in later versions
   */
  abstract Object parse(String text, EngineConfig config);

  abstract Object defaultValue(EngineConfig config);

  /** How SHOW prints a value. */
  String format(Object value) {
    return String.valueOf(value);
  }

  private static int parseWhole(String text, int min, int max) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted range.
    }
    throw invalid("expected a whole number from " + min + " to " + max + ", got '" + text + "'");
  }

  private static long parseSize(String text) {
    Matcher matcher = SIZE.matcher(text.trim());
    if (!matcher.matches()) {
      throw invalid("query_max_memory must be a size such as 512MB or 4GB, got '" + text + "'");
    }
    long number = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2);
    int shift = unit == null ? 0 : switch (unit.toUpperCase(Locale.ROOT)) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      default -> 40;
    };
    // Fifteen digits shifted by at most 40 bits can still overflow: saturate instead.
    return number > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : number << shift;
  }

  private static String formatSize(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    long value = bytes;
    while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + units[unit];
  }

  private static SalvoException invalid(String message) {
    return new SalvoException(ErrorCode.INVALID_SETTING_VALUE, message);
  }
}
