package dev.salvo.sql.session;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One session's setting values, immutable: a change makes a new instance, so a statement that
 * has started keeps the values it started with while the session moves on.
 */
public final class SessionSettings {
  private final EngineConfig config;
  private final Map<SessionSetting, Object> values;

  private SessionSettings(EngineConfig config, Map<SessionSetting, Object> values) {
    this.config = config;
    this.values = values;
  }

  /** Every setting at the default the engine's configuration gives it. */
  public static SessionSettings defaults(EngineConfig config) {
    Map<SessionSetting, Object> values = new EnumMap<>(SessionSetting.class);
    for (SessionSetting setting : SessionSetting.values()) {
      values.put(setting, setting.defaultValue(Objects.requireNonNull(config, "config")));
    }
    return new SessionSettings(config, Collections.unmodifiableMap(values));
  }

  /**
   * The defaults changed by {@code properties} (setting name to value as text), as a client
   * sends them when it opens a session.
   *
   * @throws SalvoException UNKNOWN_SETTING or INVALID_SETTING_VALUE for the first bad entry
   */
  public static SessionSettings of(EngineConfig config, Map<String, String> properties) {
    SessionSettings settings = defaults(config);
    for (Map.Entry<String, String> property : properties.entrySet()) {
      settings = settings.with(SessionSetting.named(property.getKey()), property.getValue());
    }
    return settings;
  }

  /**
   * These settings with {@code setting} read from {@code text}.
   *
   * @throws SalvoException INVALID_SETTING_VALUE naming the setting, or NOT_SUPPORTED
   */
  public SessionSettings with(SessionSetting setting, String text) {
    Object value;
    try {
      value = setting.parse(text, config);
    } catch (SalvoException e) {
      if (e.code() != ErrorCode.INVALID_SETTING_VALUE) {
        throw e;
      }
      throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE,
          "Invalid value for session setting " + setting.settingName() + ": " + e.getMessage());
    }
    Map<SessionSetting, Object> changed = new EnumMap<>(values);
    changed.put(setting, value);
    return new SessionSettings(config, Collections.unmodifiableMap(changed));
  }

  /** These settings with {@code setting} back at its default. */
  public SessionSettings withDefault(SessionSetting setting) {
    Map<SessionSetting, Object> changed = new EnumMap<>(values);
    changed.put(setting, setting.defaultValue(config));
    return new SessionSettings(config, Collections.unmodifiableMap(changed));
  }

  /** The value of {@code setting} as SHOW prints it (sizes with units). */
  public String text(SessionSetting setting) {
    return setting.format(values.get(setting));
  }

  public String runner() {
    return (String) values.get(SessionSetting.RUNNER);
  }

  public int batchSize() {
    return (Integer) values.get(SessionSetting.BATCH_SIZE);
  }

  public int parallelism() {
    return (Integer) values.get(SessionSetting.PARALLELISM);
  }

  public long queryMaxMemoryBytes() {
    return (Long) values.get(SessionSetting.QUERY_MAX_MEMORY);
  }
}
